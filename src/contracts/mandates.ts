import { z } from "zod/mini";
import { evidenceKinds, mandateAddressees, mandateStatuses } from "./enum-values.ts";
import { resultsIndicatorSchema } from "./results.ts";
import { isoDate, listOf, names, optionalNames, timestamp, uuid } from "./shapes.ts";
import { supportRequestSchema } from "./support-requests.ts";

/*
 * A resolution's operative paragraphs as mandates (AG/RES. 2626 (XLI-O/11) and those
 * imported after it): what each asks of whom, its status per reporting period, the evidence
 * and the initiatives that answer it, and the trace from a paragraph down to the money.
 */

export type MandateAddressee = (typeof mandateAddressees)[number];
export type MandateStatus = (typeof mandateStatuses)[number];
export type EvidenceKind = (typeof evidenceKinds)[number];

const addressee = z.enum(mandateAddressees);
const status = z.enum(mandateStatuses);

export const resolutionSummarySchema = z.object({
  id: uuid,
  symbol: z.string(),
  title: names,
  adopted_on: isoDate,
  session: names,
});

export const reportingPeriodSchema = z.object({
  code: z.string(),
  label: names,
  starts_on: isoDate,
  ends_on: isoDate,
});

/** Who set a status: an organization and a role, never a person's e-mail address. */
export const setBySchema = z.nullable(
  z.object({ organization: z.nullable(z.string()), role: z.nullable(z.string()) }),
);

export const periodStatusSchema = z.object({
  period: z.string(),
  status,
  note: z.nullable(z.string()),
  illustrative: z.boolean(),
  set_by: setBySchema,
  set_at: z.nullable(timestamp),
  version: z.nullable(z.int()),
});
export type PeriodStatus = z.infer<typeof periodStatusSchema>;

const mandateShape = {
  id: uuid,
  resolution: resolutionSummarySchema,
  paragraph: z.int(),
  /** en: the official text; es: an unofficial translation (text_es_official is false). */
  text: names,
  text_es_official: z.boolean(),
  addressees: z.array(addressee),
  reporting_body: addressee,
  due_session: names,
  due_on: isoDate,
  periods: z.array(reportingPeriodSchema),
  statuses: z.array(periodStatusSchema),
};
export const mandateSchema = z.object(mandateShape).check(z.meta({ id: "Mandate" }));
export type Mandate = z.infer<typeof mandateSchema>;
export const mandateListSchema = listOf(mandateSchema);
export type MandateList = z.infer<typeof mandateListSchema>;

export const mandateInitiativeSchema = z.object({
  id: uuid,
  code: z.string(),
  title: optionalNames,
  status: z.string(),
  illustrative: z.boolean(),
});

export const evidenceSchema = z.object({
  id: uuid,
  kind: z.enum(evidenceKinds),
  target_id: uuid,
  /** What the evidence is, in words (an initiative's code, a flow's type and partner…). */
  label: z.nullable(z.string()),
  period: z.nullable(z.string()),
  note: z.nullable(z.string()),
  illustrative: z.boolean(),
  added_at: timestamp,
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const statusHistoryEntrySchema = z.object({
  at: timestamp,
  action: z.string(),
  period: z.string(),
  status: z.nullable(status),
  note: z.nullable(z.string()),
  set_by: setBySchema,
});
export type StatusHistoryEntry = z.infer<typeof statusHistoryEntrySchema>;
export const statusHistorySchema = z.object({ items: z.array(statusHistoryEntrySchema) });

export const mandateDetailSchema = z
  .object({
    ...mandateShape,
    initiatives: z.array(mandateInitiativeSchema),
    evidence: z.array(evidenceSchema),
    /**
     * The support requests made under this paragraph (by symbol and number), as the reader
     * may see them: public once acknowledged on a published initiative.
     */
    requests: z.array(supportRequestSchema),
    history: z.array(statusHistoryEntrySchema),
  })
  .check(z.meta({ id: "MandateDetail" }));
export type MandateDetail = z.infer<typeof mandateDetailSchema>;

/** A paragraph answered by an initiative, as the initiative's page lists them. */
export const paragraphRefSchema = z.object({
  mandate_id: uuid,
  symbol: z.string(),
  paragraph: z.int(),
  text: names,
});
export const paragraphRefListSchema = z.object({ items: z.array(paragraphRefSchema) });
export type ParagraphRef = z.infer<typeof paragraphRefSchema>;

/** USD decimal strings, as the funding roll-up gives them. */
const usdTotals = z.object({
  budget: z.nullable(z.string()),
  announced: z.string(),
  committed: z.string(),
  disbursed: z.string(),
  gap: z.nullable(z.string()),
});
export type TraceTotals = z.infer<typeof usdTotals>;

const traceFlow = z.object({
  id: uuid,
  partner: z.object({ id: uuid, code: z.string(), name: names }),
  amount: z.nullable(z.object({ amount: z.string(), currency: z.string() })),
  usd: z.nullable(z.string()),
  value_date: isoDate,
  support_kind: z.string(),
  reversed: z.boolean(),
});
export type TraceFlow = z.infer<typeof traceFlow>;

export const traceSchema = z
  .object({
    mandate: z.object({ id: uuid, symbol: z.string(), paragraph: z.int(), text: names }),
    /** The one roll-up (summarizeFunding) over the initiatives below. */
    totals: usdTotals,
    initiatives: z.array(
      z.object({
        id: uuid,
        code: z.string(),
        title: optionalNames,
        status: z.string(),
        totals: usdTotals,
        pledges: z.array(
          z.object({
            ...traceFlow.shape,
            commitments: z.array(
              z.object({ ...traceFlow.shape, disbursements: z.array(traceFlow) }),
            ),
          }),
        ),
        /** Commitments that fulfil no pledge, with their disbursements. */
        unpledged_commitments: z.array(
          z.object({ ...traceFlow.shape, disbursements: z.array(traceFlow) }),
        ),
        /** Support requests on the initiative under this paragraph, each with its ledger entry. */
        requests: z.array(supportRequestSchema),
        /** The initiative's own results framework: indicators, targets, actuals, progress. */
        results: z.array(resultsIndicatorSchema),
        /** National indicators the initiative targets (context, not its own results). */
        targets: z.array(
          z.object({
            indicator: z.object({ code: z.string(), name: names, unit: z.string() }),
            baseline_value: z.nullable(z.string()),
            baseline_year: z.nullable(z.int()),
            target_value: z.string(),
            target_year: z.int(),
          }),
        ),
      }),
    ),
  })
  .check(z.meta({ id: "MandateTrace" }));
export type Trace = z.infer<typeof traceSchema>;
