import { z } from "zod";
import { countryCodeSchema, isoDateSchema } from "../../contracts/common.ts";
import { initiativeForwardPath } from "../../contracts/enum-values.ts";
import {
  initiativeStatusSchema,
  memberStateSchema,
  organizationKindSchema,
} from "../../contracts/enums.ts";
import { moneyInputSchema } from "../../contracts/money.ts";
import { initiativeFieldSchema } from "../initiatives/index.ts";

/**
 * The shapes of the demo dataset's files (src/modules/demo/dataset/). Every file is checked
 * against these when loaded, before anything is written; cross-file references are checked
 * by check-dataset.ts. `source` says where a figure was published; `illustrative: true` marks
 * a record invented for the demo, and `illustrative_fields` the invented fields of a record
 * that is otherwise published (a real title with a made-up budget).
 */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const bilingual = (max: number) => z.object({ es: text(max), en: text(max) }).strict();
export const source = text(1000);
export const orgCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, "must be an organization code");

export const demoOrganizationSchema = z
  .object({
    code: orgCode,
    kind: organizationKindSchema,
    name: bilingual(300),
    acronym: text(40).optional(),
    country: countryCodeSchema.optional(),
    iati_org_id: z
      .string()
      .regex(/^[A-Za-z0-9][\w.:-]{2,99}$/)
      .optional(),
    group_of_friends: z.boolean().optional(),
    website: z.url().optional(),
    source: source.optional(),
  })
  .strict();
export type DemoOrganization = z.infer<typeof demoOrganizationSchema>;

export const organizationsFileSchema = z
  .object({ source, organizations: z.array(demoOrganizationSchema).min(1) })
  .strict();

const demoLineSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}$/),
    name: bilingual(300),
    illustrative: z.boolean(),
    source: source.optional(),
  })
  .strict();

export const demoComponentSchema = z
  .object({
    code: z.string().regex(/^[A-Z]$/),
    name: bilingual(300),
    description: bilingual(5000),
    lines: z.array(demoLineSchema).min(1),
  })
  .strict()
  .refine((c) => c.lines.every((line) => line.code.startsWith(c.code)), {
    message: "every line code starts with its component's letter",
    path: ["lines"],
  });
export type DemoComponent = z.infer<typeof demoComponentSchema>;

export const strategyFileSchema = z
  .object({ source, components: z.array(demoComponentSchema).length(4) })
  .strict();

export const demoConferenceSchema = z
  .object({
    code: orgCode,
    name: bilingual(300),
    city: text(200),
    country: countryCodeSchema,
    start_date: isoDateSchema,
    end_date: isoDateSchema,
    source,
  })
  .strict();
export type DemoConference = z.infer<typeof demoConferenceSchema>;

const sectorSchema = z
  .object({
    code: z.string().regex(/^\d{5}$/, "must be a five-digit OECD-DAC purpose code"),
    percentage: z.number().int().min(1).max(100),
  })
  .strict();

const measurementSchema = z
  .object({ value: z.string().regex(/^-?\d{1,14}(\.\d{1,10})?$/), year: z.number().int() })
  .strict();

/** Results framework: what the initiative means to move, on which indicator. */
const targetSchema = z
  .object({
    indicator: z.string(),
    baseline: measurementSchema.optional(),
    target: measurementSchema,
  })
  .strict();

/** The lifecycle, in the order the demo walks it; `history` dates each step taken. */
export const demoPath = initiativeForwardPath;

/** The day each step took effect (2011–2014), not the day the demo is loaded. */
const historySchema = z
  .object({
    draft: isoDateSchema,
    submitted: isoDateSchema.optional(),
    endorsed: isoDateSchema.optional(),
    seeking_funding: isoDateSchema.optional(),
    in_execution: isoDateSchema.optional(),
    completed: isoDateSchema.optional(),
  })
  .strict();

/** The steps from draft to `status`, each with its date, in order. */
export function historySteps(initiative: {
  status: (typeof demoPath)[number];
  history: z.infer<typeof historySchema>;
}): Array<{ to: (typeof demoPath)[number]; on: string | undefined }> {
  return demoPath
    .slice(0, demoPath.indexOf(initiative.status) + 1)
    .map((to) => ({ to, on: initiative.history[to] }));
}

export const demoInitiativeSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}\d{1,2}$/, "must be a project code such as BA1"),
    title: bilingual(500),
    summary: bilingual(5000),
    line: z.string().regex(/^[A-Z]{2}$/),
    lead_country: memberStateSchema,
    countries: z.array(memberStateSchema).min(1),
    executing_agency: orgCode.optional(),
    sectors: z.array(sectorSchema).min(1),
    budget: moneyInputSchema.and(z.object({ value_date: isoDateSchema })),
    start_date: isoDateSchema,
    end_date: isoDateSchema,
    status: initiativeStatusSchema.exclude(["draft", "rejected", "cancelled"]),
    funding_override_reason: text(2000).optional(),
    targets: z.array(targetSchema).optional(),
    history: historySchema,
    illustrative: z.boolean(),
    illustrative_fields: z.array(initiativeFieldSchema).min(1).optional(),
    source,
  })
  .strict()
  .refine((i) => i.sectors.reduce((sum, s) => sum + s.percentage, 0) === 100, {
    message: "sector percentages must sum to 100",
    path: ["sectors"],
  })
  .refine((i) => i.countries.includes(i.lead_country), {
    message: "the lead country is one of the participating countries",
    path: ["countries"],
  })
  .refine((i) => i.line.startsWith(i.code.slice(0, 1)) && i.code.startsWith(i.line), {
    message: "the code starts with its line of action, e.g. BA1 in line BA",
    path: ["code"],
  })
  .refine((i) => i.end_date >= i.start_date, {
    message: "ends before it starts",
    path: ["end_date"],
  })
  .refine((i) => !(i.illustrative && i.illustrative_fields), {
    message: "a record invented as a whole lists no invented fields",
    path: ["illustrative_fields"],
  })
  .refine(
    (i) => {
      const dates = historySteps(i).map((step) => step.on);
      const taken = Object.values(i.history).filter(Boolean).length;
      return (
        dates.every((on) => on !== undefined) &&
        taken === dates.length &&
        dates.every((on, n) => n === 0 || (dates[n - 1] ?? "") <= (on ?? ""))
      );
    },
    {
      message: "dates every step from draft to its status, no other, in order",
      path: ["history"],
    },
  );
export type DemoInitiative = z.infer<typeof demoInitiativeSchema>;

export const initiativesFileSchema = z
  .object({
    component: z.string().regex(/^[A-Z]$/),
    source: source.optional(),
    initiatives: z.array(demoInitiativeSchema).min(1),
  })
  .strict()
  .refine((f) => f.initiatives.every((i) => i.code.startsWith(f.component)), {
    message: "every initiative belongs to the file's component",
    path: ["initiatives"],
  });
