import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { updateVersioned } from "../../platform/db/versioned-update.ts";
import { notFound } from "../../platform/errors.ts";
import type { Principal } from "../accounts/index.ts";
import { loadForWrite } from "./load-for-write.ts";
import { insertActualRow, lockActualRow, resultsIndicatorRows } from "./results.queries.ts";
import type { ReportActualInput, ResultsIndicator } from "./results.schema.ts";
import { toResultsIndicators } from "./to-results-indicator.ts";

/**
 * Records what the initiative achieved on one indicator in one year, with its evidence. A
 * second report for the same year corrects the first (version + 1; the audit trail keeps the
 * value it replaced). Answers the indicator with its progress recomputed, and whether the
 * year's actual is new.
 */
export async function reportActual(options: {
  db: Kysely<Database>;
  resultsIndicatorId: string;
  input: ReportActualInput;
  principal: Principal;
  illustrative?: boolean;
}): Promise<{ indicator: ResultsIndicator; created: boolean }> {
  const { input, principal } = options;
  const reporter =
    principal.kind === "user"
      ? {
          reported_by: principal.userId,
          reporter_organization_id: principal.organizationId,
          reporter_role: principal.role,
        }
      : { reported_by: null, reporter_organization_id: null, reporter_role: null };
  return inTransaction(options.db, async (trx) => {
    const row = await loadForWrite(trx, options.resultsIndicatorId, principal);
    const existing = await lockActualRow(trx, row.id, input.year);
    const fields = {
      value: input.value,
      evidence: input.evidence,
      evidence_url: input.evidence_url,
      notes: input.notes,
      ...reporter,
      illustrative: options.illustrative ?? false,
    };
    if (existing) {
      await updateVersioned(trx, {
        table: "results_actuals",
        id: existing.id,
        expectedVersion: input.version,
        changes: fields,
      });
    } else {
      await insertActualRow(trx, { results_indicator_id: row.id, year: input.year, ...fields });
    }
    const [indicator] = await toResultsIndicators(
      trx,
      await resultsIndicatorRows(trx, { id: row.id }),
    );
    if (!indicator) throw notFound("results indicator", row.id);
    return { indicator, created: !existing };
  });
}
