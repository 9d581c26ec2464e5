import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { inTransaction } from "../../platform/db/transaction.ts";
import { invalidField } from "../../platform/errors.ts";
import {
  findComponentRow,
  findLineOfActionRow,
  insertLineOfActionRow,
  toLineOfAction,
} from "./strategy.queries.ts";
import type { CreateLineOfActionInput, LineOfAction } from "./strategy.schema.ts";

export async function createLineOfAction(options: {
  db: Kysely<Database>;
  input: CreateLineOfActionInput;
}): Promise<LineOfAction> {
  const { db, input } = options;
  return inTransaction(db, async (trx) => {
    const component = await findComponentRow(trx, input.component);
    if (!component)
      throw invalidField("component", `no strategy component "${input.component}"`, {
        code: "unknown_component",
        value: input.component,
      });
    if (!input.code.startsWith(component.code)) {
      throw invalidField(
        "code",
        `a line of component ${component.code} has a code starting with ${component.code}, e.g. ${component.code}A`,
        { code: "code_prefix", prefix: component.code },
      );
    }
    const id = await insertLineOfActionRow(trx, {
      component_id: component.id,
      code: input.code,
      name_es: input.name.es,
      name_en: input.name.en,
    });
    const row = await findLineOfActionRow(trx, id);
    if (!row) throw new Error(`line of action ${id} vanished inside its own transaction`);
    return toLineOfAction(row);
  });
}
