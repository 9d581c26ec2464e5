import { z } from "zod/mini";
import {
  flowFields,
  flowOrigins,
  flowTypes,
  rateBases,
  rateBasisMeta,
  supportKinds,
} from "./enum-values.ts";
import { financeTypes } from "./finance-types.ts";
import { isoDate, listOf, moneySchema, timestamp, uuid } from "./shapes.ts";

/** A ledger entry as the API shows it; amounts keep their original currency beside USD. */
export const flowSchema = z
  .object({
    id: uuid,
    seq: z.int().check(z.meta({ description: "Order in which entries were recorded" })),
    flow_type: z.enum(flowTypes),
    support_kind: z.enum(supportKinds),
    partner_id: uuid,
    initiative_id: z.nullable(uuid),
    component_id: z.nullable(uuid).check(
      z.meta({
        description:
          "The initiative's component; null for support announced to no initiative and no component (region-wide)",
      }),
    ),
    conference_id: z.nullable(uuid),
    conference_session_id: z
      .nullable(uuid)
      .check(z.meta({ description: "The session of the conference a pledge was announced at" })),
    pledge_id: z.nullable(uuid),
    commitment_id: z.nullable(uuid),
    reverses_id: z.nullable(uuid).check(z.meta({ description: "The entry this reversal cancels" })),
    reversed_by: z
      .nullable(uuid)
      .check(z.meta({ description: "The reversal of this entry, if any" })),
    description: z.nullable(z.string()),
    value: z.nullable(moneySchema),
    value_usd: z.nullable(moneySchema),
    fx_rate: z
      .nullable(z.string())
      .check(z.meta({ description: "USD per unit applied", example: "1.4385" })),
    fx_date: z.nullable(isoDate),
    fx_basis: z
      .nullable(z.enum(rateBases).check(z.meta(rateBasisMeta)))
      .check(z.meta({ description: "What the applied rate is; null for USD or no amount" })),
    value_date: isoDate,
    over_commitment_reason: z.nullable(z.string()),
    finance_type: z.nullable(z.enum(financeTypes)).check(
      z.meta({
        description:
          "IATI FinanceType code (110 standard grant, 421 standard loan…); null where the source does not say",
        example: "110",
      }),
    ),
    over_commitment_approved_at: z.nullable(timestamp).check(
      z.meta({
        description:
          "When the secretariat approved the partner's request to disburse this above its commitment (the reason is over_commitment_reason)",
      }),
    ),
    illustrative: z
      .boolean()
      .check(
        z.meta({ description: "The entry as a whole was made up (demo data), not published" }),
      ),
    illustrative_fields: z.array(z.enum(flowFields)).check(
      z.meta({
        description:
          "The parts made up in an otherwise sourced entry, e.g. a published pledge linked to a component by the demo (allocation)",
      }),
    ),
    source: z.nullable(z.string()),
    origin: z.enum(flowOrigins).check(
      z.meta({
        description:
          "How the entry came into the ledger: entered by a person (the flow form, a spreadsheet upload or the API), an IATI import (iati_publisher says whose publication), the demo data, or an operator command; source names the published source it was taken from",
      }),
    ),
    iati_publisher: z
      .nullable(z.string())
      .check(
        z.meta({ description: "The IATI publisher reference of an imported entry, else null" }),
      ),
    note: z.nullable(z.string()),
    recorded_by: z.string().check(
      z.meta({
        description:
          "Who recorded it: the person's e-mail for the secretariat and the entry's own partner, otherwise the code of their organization",
      }),
    ),
    remaining: z.optional(z.nullable(moneySchema)).check(
      z.meta({
        description:
          "Listed with linkable_to only: what is left on a pledge (pledged − committed against it) or a commitment (committed − disbursed against it), net of reversals, in its own currency; null when entries against it are in other currencies or it has no amount",
      }),
    ),
    remaining_usd: z.optional(z.nullable(moneySchema)).check(
      z.meta({
        description:
          "Listed with linkable_to only: remaining in USD, at the rates each entry was recorded with; null when it has no amount",
      }),
    ),
    recorded_at: timestamp.check(
      z.meta({ description: "When the entry was entered; value_date is when it took effect" }),
    ),
  })
  .check(z.meta({ id: "Flow" }));
export type Flow = z.infer<typeof flowSchema>;

export const flowListSchema = listOf(flowSchema);
