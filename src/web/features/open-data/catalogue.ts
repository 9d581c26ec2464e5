import type { MessageKey } from "../../i18n/i18n.tsx";

/** One column or field of a download, with what it means and its unit. */
export interface DictionaryEntry {
  field: string;
  meaning: MessageKey;
  unit: MessageKey;
}

/** One download: how it is had (built in the browser, or a link to the API) and its fields. */
export interface Download {
  id: string;
  name: MessageKey;
  holds: MessageKey;
  format: string;
  /** A link to the API, or absent where the browser builds the file (CSV, XLSX). */
  href?: string;
  /** The fields named by the catalogs' column headings are given at render time. */
  dictionary: "initiatives-table" | DictionaryEntry[] | MessageKey;
}

const usd = "openData.unit.usd" as const;

/** The funding roll-up's measures, each defined once (docs/MEASURES.md, measureDefinition.*). */
const summaryFields: DictionaryEntry[] = [
  { field: "rows[].key", meaning: "openData.field.key", unit: "openData.unit.code" },
  { field: "rows[].remainder", meaning: "openData.field.remainder", unit: "openData.unit.code" },
  { field: "budget", meaning: "measureDefinition.budget", unit: usd },
  { field: "offered", meaning: "measureDefinition.offered", unit: usd },
  { field: "announced", meaning: "measureDefinition.announced", unit: usd },
  { field: "committed", meaning: "measureDefinition.committed", unit: usd },
  {
    field: "committed_not_allocated",
    meaning: "measureDefinition.committed_not_allocated",
    unit: usd,
  },
  { field: "disbursed", meaning: "measureDefinition.disbursed", unit: usd },
  {
    field: "announced_not_committed",
    meaning: "measureDefinition.announced_not_committed",
    unit: usd,
  },
  {
    field: "coverage_pct",
    meaning: "measureDefinition.coverage_pct",
    unit: "openData.unit.percent",
  },
  { field: "gap", meaning: "measureDefinition.gap", unit: usd },
];

const initiativeJsonFields: DictionaryEntry[] = [
  { field: "code", meaning: "openData.field.code", unit: "openData.unit.code" },
  { field: "title.es, title.en", meaning: "openData.field.title", unit: "openData.unit.text" },
  { field: "component.code", meaning: "openData.field.component", unit: "openData.unit.code" },
  { field: "lead_country", meaning: "openData.field.lead", unit: "openData.unit.country" },
  { field: "status", meaning: "openData.field.status", unit: "openData.unit.code" },
  { field: "budget", meaning: "openData.field.budgetOwn", unit: "openData.unit.currency" },
  { field: "budget_usd", meaning: "measureDefinition.budget", unit: usd },
  { field: "funding.committed", meaning: "measureDefinition.committed", unit: usd },
  { field: "funding.disbursed", meaning: "measureDefinition.disbursed", unit: usd },
  { field: "funding.gap", meaning: "measureDefinition.gap", unit: usd },
  { field: "published_at", meaning: "openData.field.publishedAt", unit: "openData.unit.instant" },
  { field: "illustrative", meaning: "openData.field.illustrative", unit: "openData.unit.yesNo" },
];

const iatiFields: DictionaryEntry[] = [
  { field: "iati-identifier", meaning: "openData.iati.identifier", unit: "openData.unit.code" },
  {
    field: "participating-org",
    meaning: "openData.iati.participating",
    unit: "openData.iati.unit",
  },
  { field: "budget", meaning: "openData.iati.budget", unit: "openData.iati.unit" },
  { field: "transaction", meaning: "openData.iati.transaction", unit: "openData.iati.unit" },
];

/** Every download ESCA Hub offers, in the order the Open data page lists them. */
export const downloads: Download[] = [
  {
    id: "initiatives-csv",
    name: "openData.initiatives.name",
    holds: "openData.initiatives.holds",
    format: "CSV",
    dictionary: "initiatives-table",
  },
  {
    id: "initiatives-xlsx",
    name: "openData.initiatives.name",
    holds: "openData.initiatives.holds",
    format: "XLSX",
    dictionary: "initiatives-table",
  },
  {
    id: "initiatives-json",
    name: "openData.initiativesJson.name",
    holds: "openData.initiativesJson.holds",
    format: "JSON",
    href: "/api/initiatives?limit=500",
    dictionary: initiativeJsonFields,
  },
  {
    id: "funding-summary",
    name: "openData.summary.name",
    holds: "openData.summary.holds",
    format: "JSON",
    href: "/api/funding/summary?by=component",
    dictionary: summaryFields,
  },
  {
    id: "iati-activities",
    name: "openData.iatiActivities.name",
    holds: "openData.iatiActivities.holds",
    format: "IATI XML",
    href: "/api/iati/activities.xml",
    dictionary: iatiFields,
  },
  {
    id: "iati-organisation",
    name: "openData.iatiOrganisation.name",
    holds: "openData.iatiOrganisation.holds",
    format: "IATI XML",
    href: "/api/iati/organisation.xml",
    dictionary: [iatiFields[0], iatiFields[2]].filter((entry) => entry !== undefined),
  },
  {
    id: "openapi",
    name: "openData.openapi.name",
    holds: "openData.openapi.holds",
    format: "OpenAPI (JSON)",
    href: "/api/openapi.json",
    dictionary: "openData.openapi.dictionary",
  },
];
