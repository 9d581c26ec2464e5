import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../../platform/principal.ts";
import { findMandateByParagraph } from "../mandates/index.ts";
import { createPractice, practiceInputSchema, setPracticeStatus } from "../practices/index.ts";

const demoPracticesSchema = z.strictObject({
  note: z.string(),
  resolution: z.string(),
  practices: z.array(
    practiceInputSchema.omit({ mandates: true }).extend({
      paragraphs: z.array(z.number().int()),
    }),
  ),
});

/**
 * The demo's good practices library (dataset/practices.json): ten example entries, each
 * summarizing a well-known mechanism's or state's practice and naming its public source,
 * marked illustrative and published. Needs the initiatives and AG/RES. 2626 seeded first.
 */
export async function seedDemoPractices(db: Kysely<Database>): Promise<number> {
  const data = demoPracticesSchema.parse(
    JSON.parse(readFileSync(new URL("./dataset/practices.json", import.meta.url), "utf8")),
  );
  const principal = systemPrincipal("demo-seed");
  for (const { paragraphs, ...entry } of data.practices) {
    const mandates: string[] = [];
    for (const paragraph of paragraphs) {
      const mandate = await findMandateByParagraph(db, data.resolution, paragraph);
      if (!mandate)
        throw new Error(`dataset/practices.json: ${data.resolution} has no ¶${paragraph}`);
      mandates.push(mandate.id);
    }
    const practice = await createPractice({
      db,
      input: { ...entry, mandates },
      principal,
      illustrative: true,
    });
    await setPracticeStatus({ db, idOrSlug: practice.id, status: "published", principal });
  }
  return data.practices.length;
}
