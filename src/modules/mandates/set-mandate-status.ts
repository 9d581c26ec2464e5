import type { Kysely } from "kysely";
import type { PeriodStatus } from "../../contracts/mandates.ts";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import type { Principal } from "../../platform/principal.ts";
import { actingAs } from "./mandates.policy.ts";
import {
  findMandateRow,
  findStatusRow,
  listStatusRows,
  upsertStatusRow,
} from "./mandates.queries.ts";
import type { SetStatusInput } from "./mandates.schema.ts";
import { listPeriodRows } from "./resolutions.queries.ts";
import { toMandate } from "./to-mandate.ts";

/**
 * Sets a mandate's status in one reporting period (the secretariat's call). The change is
 * written to the audit trail by the table's trigger, which is the history the API lists.
 */
export async function setMandateStatus(options: {
  db: Kysely<Database>;
  principal: Principal;
  mandateId: string;
  period: string;
  input: SetStatusInput;
  illustrative?: boolean;
}): Promise<PeriodStatus> {
  const { input } = options;
  return inTransaction(options.db, async (db) => {
    const mandate = await findMandateRow(db, options.mandateId);
    if (!mandate) throw notFound("mandate", options.mandateId);
    const periods = await listPeriodRows(db, [mandate.resolution_id]);
    if (!periods.some((period) => period.code === options.period))
      throw invalidField(
        "period",
        `${mandate.symbol} has no reporting period "${options.period}".`,
        {
          code: "invalid_value",
          values: periods.map((period) => period.code),
        },
      );
    const current = await findStatusRow(db, mandate.id, options.period);
    if (input.version !== undefined && current && current.version !== input.version)
      throw new AppError(
        "conflict",
        `The status of ${options.period} was changed meanwhile (version ${current.version}); reload and try again.`,
        { reason: "stale_version", values: { version: current.version } },
      );
    const by = actingAs(options.principal);
    await upsertStatusRow(db, {
      mandate_id: mandate.id,
      period_code: options.period,
      status: input.status,
      note: input.note || null,
      illustrative: options.illustrative ?? false,
      set_by_organization_id: by.organizationId,
      set_by_role: by.role,
    });
    const statuses = await listStatusRows(db, [mandate.id]);
    const answer = toMandate(mandate, periods, statuses).statuses.find(
      (status) => status.period === options.period,
    );
    if (!answer) throw notFound("reporting period", options.period);
    return answer;
  });
}
