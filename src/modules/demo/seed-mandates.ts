import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { z } from "zod";
import { mandateStatuses } from "../../contracts/enum-values.ts";
import type { Database } from "../../platform/db/schema.ts";
import { systemPrincipal } from "../../platform/principal.ts";
import {
  addEvidence,
  importResolution,
  linkInitiative,
  setMandateStatus,
  shippedResolutionFile,
} from "../mandates/index.ts";

const demoMandatesSchema = z.strictObject({
  resolution: z.string(),
  illustrative: z.literal(true),
  note: z.string(),
  links: z.array(z.strictObject({ paragraph: z.number().int(), initiatives: z.array(z.string()) })),
  statuses: z.array(
    z.strictObject({
      paragraph: z.number().int(),
      period: z.string(),
      status: z.enum(mandateStatuses),
      note: z.string(),
    }),
  ),
  evidence: z.array(
    z.union([
      z.strictObject({
        paragraph: z.number().int(),
        period: z.string(),
        kind: z.literal("conference"),
        conference: z.string(),
      }),
      z.strictObject({
        paragraph: z.number().int(),
        period: z.string(),
        kind: z.literal("initiative"),
        initiative: z.string(),
      }),
    ]),
  ),
});

/**
 * AG/RES. 2626 from its shipped resolution file, then the demo's illustrative reading of it
 * (dataset/mandates.json): which initiatives answer ¶3–¶7, a few statuses and evidence.
 */
export async function seedDemoMandates(options: {
  db: Kysely<Database>;
  initiativeIds: Map<string, string>;
  conferenceIds: Map<string, string>;
}): Promise<{ mandates: number; mandate_statuses: number }> {
  const { db } = options;
  const data = demoMandatesSchema.parse(
    JSON.parse(readFileSync(new URL("./dataset/mandates.json", import.meta.url), "utf8")),
  );
  const resolution = await importResolution({ db, file: shippedResolutionFile() });
  const mandateId = (paragraph: number) => {
    const id = resolution.mandateIds.get(paragraph);
    if (!id) throw new Error(`dataset/mandates.json: ${data.resolution} has no ¶${paragraph}`);
    return id;
  };
  const lookUp = (ids: Map<string, string>, code: string, what: string) => {
    const id = ids.get(code);
    if (!id) throw new Error(`dataset/mandates.json: no demo ${what} ${code}`);
    return id;
  };
  for (const link of data.links)
    for (const code of link.initiatives)
      await linkInitiative({
        db,
        mandateId: mandateId(link.paragraph),
        initiativeId: lookUp(options.initiativeIds, code, "initiative"),
        illustrative: true,
      });
  const principal = systemPrincipal("demo-seed");
  for (const status of data.statuses)
    await setMandateStatus({
      db,
      principal,
      mandateId: mandateId(status.paragraph),
      period: status.period,
      input: { status: status.status, note: status.note },
      illustrative: true,
    });
  for (const item of data.evidence)
    await addEvidence({
      db,
      mandateId: mandateId(item.paragraph),
      input:
        item.kind === "conference"
          ? {
              kind: "conference",
              target_id: lookUp(options.conferenceIds, item.conference, "conference"),
              period: item.period,
            }
          : {
              kind: "initiative",
              target_id: lookUp(options.initiativeIds, item.initiative, "initiative"),
              period: item.period,
            },
      illustrative: true,
    });
  return { mandates: resolution.paragraphs, mandate_statuses: data.statuses.length };
}
