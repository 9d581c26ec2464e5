import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import type { Principal } from "../accounts/index.ts";
import type { PlanAction, PlanRow } from "./plan.ts";
import { planFlows, planMissingFlows } from "./plan-flows.ts";
import { planInitiatives } from "./plan-initiatives.ts";
import { readWorkbook, type UploadedWorkbook } from "./read-workbook.ts";
import { workbookScope } from "./spreadsheets.policy.ts";
import {
  componentCodes,
  flowRows,
  initiativeCodes,
  initiativeFacts,
  initiativeRows,
  organizationCodes,
} from "./workbook.queries.ts";

export interface WorkbookPlan {
  rows: PlanRow[];
  counts: Record<PlanAction, number>;
  /** Fingerprint of exactly what would change; apply needs it, so it applies what was previewed. */
  planHash: string;
}

/**
 * Compares a read workbook with what the uploader may read in ESCA Hub, row by row; writes
 * nothing. Everything it compares with is read within the principal's scope: an initiative or
 * flow they may not read is planned exactly as one that does not exist. Every row that would
 * write is checked by the one permission rule of the workbook (canWriteWorkbookRow): preview
 * and apply both plan through here, so a preview names each row apply would refuse.
 */
export async function planWorkbook(options: {
  db: Kysely<Database>;
  sheet: UploadedWorkbook;
  principal: Principal;
  /** Reverse the standing flows the sheet left out (those the uploader may reverse); off by default. */
  removeMissing?: boolean;
}): Promise<WorkbookPlan> {
  const { db, sheet, principal } = options;
  const scope = workbookScope(principal);
  const [initiatives, facts, flows, partners, components, ids] = await Promise.all([
    initiativeRows(db, scope.initiatives),
    initiativeFacts(db, scope.initiatives),
    flowRows(db, scope.initiatives),
    organizationCodes(db),
    componentCodes(db),
    initiativeCodes(db, scope.initiatives),
  ]);
  const partnerCodes = new Map(partners.map((p) => [p.code, p.id]));
  const initiativePlan = planInitiatives(
    sheet.initiatives,
    new Map(initiatives.map((i) => [i.code, i])),
    new Map(facts.map(({ code, ...fact }) => [code, fact])),
    principal,
  );
  const flowPlan = planFlows(
    sheet.flows,
    new Map(flows.map((f) => [f.id, f])),
    {
      partners: partnerCodes,
      initiatives: new Map(ids.map((i) => [i.code, i.id])),
      components: new Map(components.map((c) => [c.code, c.id])),
      addedInitiatives: new Set(
        initiativePlan.filter((p) => p.action === "added").map((p) => p.key),
      ),
    },
    principal,
  );
  const missing = options.removeMissing
    ? planMissingFlows(sheet.flows, flows, principal, partnerCodes)
    : [];
  const rows: PlanRow[] = [...initiativePlan, ...flowPlan, ...missing];
  const counts = { added: 0, changed: 0, unchanged: 0, removed: 0, error: 0 };
  for (const row of rows) counts[row.action]++;
  const fingerprint = rows.map(({ sheet: s, row, key, action, changes, errors }) => [
    s,
    row,
    key,
    action,
    changes,
    errors,
  ]);
  const planHash = createHash("sha256").update(JSON.stringify(fingerprint)).digest("hex");
  return { rows, counts, planHash };
}

/** Reads an uploaded workbook (within its limits), then plans it; writes nothing. */
export async function previewWorkbook(options: {
  db: Kysely<Database>;
  buffer: Buffer;
  principal: Principal;
  removeMissing?: boolean;
}): Promise<WorkbookPlan> {
  return planWorkbook({
    db: options.db,
    sheet: await readWorkbook(options.buffer),
    principal: options.principal,
    removeMissing: options.removeMissing ?? false,
  });
}

/** The plan as the API shows it: without the internal inputs. */
export function publicPlan(plan: WorkbookPlan) {
  return {
    rows: plan.rows.map(({ input: _input, ...row }) => row),
    counts: plan.counts,
    plan_hash: plan.planHash,
  };
}
