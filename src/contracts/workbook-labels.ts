/*
 * The spreadsheet round-trip's words, in both languages: the workbook is written in its
 * downloader's language and read in either (or with the column keys of earlier downloads),
 * and the web names a sheet's column by the header its reader saw. No zod: the web reads it
 * without loading schemas.
 */

export const workbookLanguages = ["es", "en"] as const;
export type WorkbookLanguage = (typeof workbookLanguages)[number];

type Words = Record<WorkbookLanguage, string>;

/** The sheets' columns, in order; row 1 of each sheet names them. */
export const initiativeColumns = [
  "code",
  "title_es",
  "title_en",
  "summary_es",
  "summary_en",
  "component",
  "line_of_action",
  "lead_country",
  "countries",
  "sectors",
  "budget_amount",
  "budget_currency",
  "budget_value_date",
  "start_date",
  "end_date",
  "status",
  "version",
] as const;
export const flowColumns = [
  "id",
  "flow_type",
  "support_kind",
  "partner",
  "initiative",
  "component",
  "amount",
  "currency",
  "finance_type",
  "value_date",
  "description",
  "source",
  "note",
] as const;
export type InitiativeColumn = (typeof initiativeColumns)[number];
export type FlowColumn = (typeof flowColumns)[number];
export type WorkbookSheet = "initiatives" | "flows";

/** Sheet names as the workbook shows them (at most 31 characters, as Excel allows). */
export const workbookSheetNames: Record<WorkbookSheet | "guide" | "lists", Words> = {
  guide: { es: "Guía", en: "Guide" },
  initiatives: { es: "Iniciativas", en: "Initiatives" },
  flows: { es: "Flujos de apoyo", en: "Support flows" },
  lists: { es: "Listas", en: "Lists" },
};

/** Column headers; a column of both sheets (component) has one label. */
export const workbookColumnLabels: Record<InitiativeColumn | FlowColumn, Words> = {
  code: { es: "Código", en: "Code" },
  title_es: { es: "Título (español)", en: "Title (Spanish)" },
  title_en: { es: "Título (inglés)", en: "Title (English)" },
  summary_es: { es: "Resumen (español)", en: "Summary (Spanish)" },
  summary_en: { es: "Resumen (inglés)", en: "Summary (English)" },
  component: { es: "Componente", en: "Component" },
  line_of_action: { es: "Línea de acción", en: "Line of action" },
  lead_country: { es: "País líder", en: "Lead country" },
  countries: { es: "Países participantes", en: "Participating countries" },
  sectors: { es: "Sectores (CAD:%)", en: "Sectors (DAC:%)" },
  budget_amount: { es: "Presupuesto", en: "Budget" },
  budget_currency: { es: "Moneda del presupuesto", en: "Budget currency" },
  budget_value_date: { es: "Fecha valor del presupuesto", en: "Budget value date" },
  start_date: { es: "Fecha de inicio", en: "Start date" },
  end_date: { es: "Fecha de fin", en: "End date" },
  status: { es: "Estado", en: "Status" },
  version: { es: "Versión", en: "Version" },
  id: { es: "Id", en: "Id" },
  flow_type: { es: "Tipo de flujo", en: "Flow type" },
  support_kind: { es: "Clase de apoyo", en: "Kind of support" },
  partner: { es: "Socio", en: "Partner" },
  initiative: { es: "Iniciativa", en: "Initiative" },
  amount: { es: "Monto", en: "Amount" },
  currency: { es: "Moneda", en: "Currency" },
  finance_type: { es: "Tipo de financiamiento", en: "Finance type" },
  value_date: { es: "Fecha valor", en: "Value date" },
  description: { es: "Descripción", en: "Description" },
  source: { es: "Fuente", en: "Source" },
  note: { es: "Nota", en: "Note" },
};

/** The columns whose cells hold a closed list's label, and each value's label. */
export const workbookValueLabels = {
  flow_type: {
    offer: { es: "Oferta", en: "Offer" },
    pledge: { es: "Promesa", en: "Pledge" },
    commitment: { es: "Compromiso", en: "Commitment" },
    disbursement: { es: "Desembolso", en: "Disbursement" },
  },
  support_kind: {
    financial: { es: "Financiero", en: "Financial" },
    technical: { es: "Técnico", en: "Technical" },
  },
  status: {
    draft: { es: "Borrador", en: "Draft" },
    submitted: { es: "Presentada", en: "Submitted" },
    endorsed: { es: "Respaldada", en: "Endorsed" },
    seeking_funding: { es: "En busca de financiamiento", en: "Seeking funding" },
    in_execution: { es: "En ejecución", en: "In execution" },
    completed: { es: "Finalizada", en: "Completed" },
    rejected: { es: "Rechazada", en: "Rejected" },
    cancelled: { es: "Cancelada", en: "Cancelled" },
  },
} as const satisfies Record<string, Record<string, Words>>;
export type LabelledColumn = keyof typeof workbookValueLabels;

/** A column's header in `lang`, or the name as given for one the workbook does not have. */
export const columnLabel = (column: string, lang: WorkbookLanguage): string =>
  (workbookColumnLabels as Record<string, Words | undefined>)[column]?.[lang] ?? column;
