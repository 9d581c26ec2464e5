import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { checkDataset } from "./check-dataset.ts";
import {
  type DemoComponent,
  type DemoConference,
  type DemoInitiative,
  type DemoOrganization,
  demoConferenceSchema,
  initiativesFileSchema,
  organizationsFileSchema,
  strategyFileSchema,
} from "./demo.schema.ts";
import {
  type DemoExchangeRate,
  type DemoFlow,
  type DemoObservation,
  exchangeRateRowSchema,
  flowsFileSchema,
  indicatorsFileSchema,
  observationRowSchema,
} from "./demo-ledger.schema.ts";
import { type ConferenceRecordFile, loadConferenceRecord } from "./seed-conferences.ts";

export interface DemoIndicator {
  code: string;
  name: { es: string; en: string };
  unit: string;
  direction: "lower_is_better" | "higher_is_better";
  source: string;
  sdg_indicator: string;
  observations: DemoObservation[];
}

/** The whole demo dataset, validated and in the order it is written. */
export interface DemoDataset {
  organizations: DemoOrganization[];
  components: DemoComponent[];
  conference: DemoConference;
  initiatives: DemoInitiative[];
  /** Pledges, then commitments and offers, then disbursements and reversals, in file order. */
  flows: DemoFlow[];
  exchangeRates: DemoExchangeRate[];
  indicators: DemoIndicator[];
  /** The conference's programme, delegations, documents and the Group of Friends. */
  conferenceRecord: ConferenceRecordFile;
}

const FILES = {
  organizations: [
    "organizations-member-states.json",
    "organizations-partner-governments.json",
    "organizations-multilateral.json",
  ],
  initiatives: [
    "initiatives-a-combating-crime.json",
    "initiatives-b-violence-prevention.json",
    "initiatives-c-rehabilitation.json",
    "initiatives-d-institutional-strengthening.json",
  ],
  flows: [
    "flows-pledges.json",
    "flows-commitments.json",
    "flows-technical.json",
    "flows-disbursements.json",
  ],
} as const;

const DATASET_DIR = new URL("./dataset/", import.meta.url);

function readText(name: string): string {
  return readFileSync(new URL(name, DATASET_DIR), "utf8");
}

/** Parses a file with its schema; a mistake names the file and the field. */
function parseWith<S extends z.ZodType>(name: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`Demo dataset file ${name} is invalid: ${issues.join("; ")}`);
}

function readJson<S extends z.ZodType>(name: string, schema: S): z.infer<S> {
  return parseWith(name, schema, JSON.parse(readText(name)));
}

function readCsv<S extends z.ZodType>(name: string, schema: S): Array<z.infer<S>> {
  const rows: unknown[] = parse(readText(name), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  return rows.map((row, index) => parseWith(`${name} line ${index + 2}`, schema, row));
}

/**
 * Reads and checks every file of src/modules/demo/dataset/. Throws, naming the file and the
 * field, on the first file that does not match its schema or a reference that does not
 * resolve, before the seeder writes anything.
 */
export function loadDemoDataset(): DemoDataset {
  const indicatorsFile = readJson("indicators.json", indicatorsFileSchema);
  const dataset: DemoDataset = {
    organizations: FILES.organizations.flatMap(
      (name) => readJson(name, organizationsFileSchema).organizations,
    ),
    components: readJson("strategy.json", strategyFileSchema).components,
    conference: readJson("conference.json", demoConferenceSchema),
    conferenceRecord: loadConferenceRecord(),
    initiatives: FILES.initiatives.flatMap(
      (name) => readJson(name, initiativesFileSchema).initiatives,
    ),
    flows: FILES.flows.flatMap((name) => readJson(name, flowsFileSchema).flows),
    exchangeRates: readCsv("exchange-rates.csv", exchangeRateRowSchema),
    indicators: indicatorsFile.indicators.map(({ observations_files, ...indicator }) => ({
      ...indicator,
      observations: observations_files.flatMap((file) => readCsv(file, observationRowSchema)),
    })),
  };
  checkDataset(dataset);
  return dataset;
}
