import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { PlanAction, PlanRow } from "./plan.ts";
import { planFlows, planMissingFlows } from "./plan-flows.ts";
import { planInitiatives } from "./plan-initiatives.ts";
import { readWorkbook } from "./read-workbook.ts";
import { flowRows, initiativeRows } from "./workbook.queries.ts";

export interface WorkbookPlan {
  rows: PlanRow[];
  counts: Record<PlanAction, number>;
  /** Fingerprint of exactly what would change; apply needs it, so it applies what was previewed. */
  planHash: string;
}

/** Reads an uploaded workbook and compares it with ESCA Hub, row by row; writes nothing. */
export async function previewWorkbook(options: {
  db: Kysely<Database>;
  buffer: Buffer;
  /** Reverse the standing flows the sheet left out (within `scope`); off by default. */
  removeMissing?: boolean;
  /** The flows the uploader could have downloaded and may reverse. */
  scope?: { publishedOnly: boolean; partnerId: string | null };
}): Promise<WorkbookPlan> {
  const sheet = await readWorkbook(options.buffer);
  const { db } = options;
  const [initiatives, flows, partners, components] = await Promise.all([
    initiativeRows(db),
    flowRows(db),
    db.selectFrom("organizations").select(["id", "code"]).execute(),
    db.selectFrom("strategy_components").select(["id", "code"]).execute(),
  ]);
  const ids = await db.selectFrom("initiatives").select(["id", "code"]).execute();
  const partnerCodes = new Map(partners.map((p) => [p.code, p.id]));
  const initiativePlan = planInitiatives(
    sheet.initiatives,
    new Map(initiatives.map((i) => [i.code, i])),
  );
  const flowPlan = planFlows(sheet.flows, new Map(flows.map((f) => [f.id, f])), {
    partners: new Map(partners.map((p) => [p.code, p.id])),
    initiatives: new Map(ids.map((i) => [i.code, i.id])),
    components: new Map(components.map((c) => [c.code, c.id])),
    addedInitiatives: new Set(initiativePlan.filter((p) => p.action === "added").map((p) => p.key)),
  });
  const scope = options.scope ?? { publishedOnly: false, partnerId: null };
  const missing = options.removeMissing
    ? planMissingFlows(
        sheet.flows,
        (await flowRows(db, scope.publishedOnly)).filter(
          (flow) => !scope.partnerId || partnerCodes.get(flow.partner) === scope.partnerId,
        ),
      )
    : [];
  const rows: PlanRow[] = [...initiativePlan, ...flowPlan, ...missing];
  const counts = { added: 0, changed: 0, unchanged: 0, removed: 0, error: 0 };
  for (const row of rows) counts[row.action]++;
  const fingerprint = rows.map(({ sheet: s, row, key, action, changes }) => [
    s,
    row,
    key,
    action,
    changes,
  ]);
  const planHash = createHash("sha256").update(JSON.stringify(fingerprint)).digest("hex");
  return { rows, counts, planHash };
}

/** The plan as the API shows it: without the internal inputs. */
export function publicPlan(plan: WorkbookPlan) {
  return {
    rows: plan.rows.map(({ input: _input, ...row }) => row),
    counts: plan.counts,
    plan_hash: plan.planHash,
  };
}
