import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { evidenceTargetExists, findMandateRow, insertEvidenceRow } from "./mandates.queries.ts";
import type { AddEvidenceInput } from "./mandates.schema.ts";
import { listPeriodRows } from "./resolutions.queries.ts";

/**
 * Links a record to a mandate as evidence that it is being carried out: an initiative, a
 * ledger entry, a conference, a support request, an issued report or a practice.
 */
export async function addEvidence(options: {
  db: Kysely<Database>;
  mandateId: string;
  input: AddEvidenceInput;
  illustrative?: boolean;
}): Promise<{ id: string }> {
  const { input } = options;
  return inTransaction(options.db, async (db) => {
    const mandate = await findMandateRow(db, options.mandateId);
    if (!mandate) throw notFound("mandate", options.mandateId);
    if (input.period) {
      const periods = await listPeriodRows(db, [mandate.resolution_id]);
      if (!periods.some((period) => period.code === input.period))
        throw invalidField(
          "period",
          `${mandate.symbol} has no reporting period "${input.period}".`,
          {
            code: "invalid_value",
            values: periods.map((period) => period.code),
          },
        );
    }
    const kind = input.kind;
    // Every kind is a record ESCA Hub holds: a link to a missing one is refused.
    if (!(await evidenceTargetExists(db, kind, input.target_id)))
      throw invalidField("target_id", `no ${kind.replace("_", " ")} with id ${input.target_id}`, {
        code: "unknown_record",
      });
    try {
      return await insertEvidenceRow(db, {
        mandate_id: mandate.id,
        period_code: input.period ?? null,
        kind,
        target_id: input.target_id,
        note: input.note || null,
        illustrative: options.illustrative ?? false,
      });
    } catch (error) {
      if ((error as { code?: string }).code === "23505")
        throw new AppError("conflict", "This record is already evidence for the mandate.", {
          details: [{ path: "target_id", message: "already linked" }],
        });
      throw error;
    }
  });
}
