import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { z } from "zod";
import { oasBodyKinds } from "../../contracts/enum-values.ts";
import type { Database } from "../../platform/db/schema.ts";
import { saveOasBodyProfile } from "../oas-bodies/index.ts";
import { findOrganizationRow } from "../organizations/index.ts";
import {
  createSupportRequest,
  recordRequestStep,
  type StepActor,
} from "../support-requests/index.ts";
import { DEMO_PRINCIPAL } from "./seed-initiatives.ts";

const names = z.object({ es: z.string().min(1), en: z.string().min(1) }).strict();
const fileSchema = z
  .object({
    source: z.string().min(1),
    bodies: z.array(
      z
        .object({
          code: z.string(),
          body_kind: z.enum(oasBodyKinds),
          parent: z.string().optional(),
          mandate: names,
          contact_role: names,
          components: z.array(z.string()),
          lines_of_action: z.array(z.string()),
        })
        .strict(),
    ),
    requests: z.array(
      z
        .object({
          initiative: z.string(),
          body: z.string(),
          what: z.string().min(1),
          why: z.string().min(1),
          needed_by: z.string(),
          paragraph: z.number().int(),
          steps: z.array(
            z
              .object({
                action: z.enum(["acknowledge", "accept", "decline", "progress", "complete"]),
                note: z.string().optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

function readDirectory() {
  const text = readFileSync(new URL("./dataset/oas-bodies.json", import.meta.url), "utf8");
  const result = fileSchema.safeParse(JSON.parse(text));
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new Error(`Demo dataset file oas-bodies.json is invalid: ${issues.join("; ")}`);
}

async function organizationId(db: Kysely<Database>, code: string) {
  const row = await findOrganizationRow(db, code);
  if (!row) throw new Error(`oas-bodies.json names organization ${code}, which the dataset lacks`);
  return row.id;
}

/**
 * The directory entries of the demo's OAS bodies (sourced mandates and contact roles), and
 * two illustrative support requests answered by their bodies' officers. Steps are recorded
 * as the organization and role that would take them (no demo person is named).
 */
export async function seedOasBodies(db: Kysely<Database>) {
  const file = readDirectory();
  for (const body of file.bodies) {
    await saveOasBodyProfile({
      db,
      organizationId: await organizationId(db, body.code),
      input: { ...body, source: file.source },
      isNew: true,
    });
  }
  for (const request of file.requests) {
    const initiative = await db
      .selectFrom("initiatives")
      .select("lead_country")
      .where("code", "=", request.initiative)
      .executeTakeFirstOrThrow();
    const asCountry: StepActor = {
      userId: null,
      organizationId: await organizationId(db, initiative.lead_country),
      role: "focal_point",
    };
    const asBody: StepActor = {
      userId: null,
      organizationId: await organizationId(db, request.body),
      role: "body_officer",
    };
    const { steps, ...input } = request;
    const created = await createSupportRequest({
      db,
      input: { ...input, resolution_symbol: "AG/RES. 2626 (XLI-O/11)" },
      principal: DEMO_PRINCIPAL,
      illustrative: true,
      actor: asCountry,
    });
    for (const step of steps)
      await recordRequestStep({
        db,
        id: created.id,
        input: step,
        principal: DEMO_PRINCIPAL,
        actor: asBody,
      });
  }
  return { bodies: file.bodies.length, requests: file.requests.length };
}
