import type {
  FlowColumn,
  InitiativeColumn,
  WorkbookLanguage,
} from "../../contracts/workbook-labels.ts";

type Words = Record<WorkbookLanguage, string>;

/** The guide sheet, line by line; `partner` lines only in a partner's workbook. */
export const guideLines: Array<Words & { partner?: boolean }> = [
  {
    en: "ESCA Hub: initiatives and support flows, to edit offline and upload again.",
    es: "ESCA Hub: iniciativas y flujos de apoyo, para editar sin conexión y volver a subir.",
  },
  {
    en: "Initiatives: change cells, or add a row with a new code. Status and Version are read-only (the version detects edits made meanwhile).",
    es: "Iniciativas: cambie celdas o agregue una fila con un código nuevo. Estado y Versión son de solo lectura (la versión detecta los cambios hechos mientras tanto).",
  },
  {
    en: "Support flows: a row without Id is a new entry; changing an amount, currency, date, partner, initiative or type records a reversal of the entry and a new one.",
    es: "Flujos de apoyo: una fila sin Id es un registro nuevo; cambiar un monto, moneda, fecha, socio, iniciativa o tipo registra la reversión del registro y uno nuevo.",
  },
  {
    en: "Rows left out of the sheet are kept as they are, unless you ask the upload to reverse the support flows it leaves out (initiatives are never removed). Nothing is ever deleted.",
    es: "Las filas que no estén en la hoja se conservan, salvo que pida que la carga revierta los flujos de apoyo que omite (las iniciativas nunca se eliminan). Nunca se borra nada.",
  },
  {
    en: 'Amounts are text with a dot for decimals ("1500000.50"); dates are YYYY-MM-DD; countries "GT,HN"; sectors "15210:60;15130:40". The lists (types, kinds, codes) are in the Lists sheet.',
    es: 'Los montos son texto con punto decimal ("1500000.50"); las fechas, AAAA-MM-DD; los países, "GT,HN"; los sectores, "15210:60;15130:40". Las listas (tipos, clases, códigos) están en la hoja Listas.',
  },
  {
    partner: true,
    en: "Your organization records only its own support: other organizations' rows and the initiatives are protected (read-only). Add your new entries in the empty rows below.",
    es: "Su organización registra solo su propio apoyo: las filas de otras organizaciones y las iniciativas están protegidas (solo lectura). Agregue sus registros nuevos en las filas vacías de abajo.",
  },
];

/** Each column's note, shown on its header. */
export const columnNotes: Record<InitiativeColumn | FlowColumn, Words> = {
  code: {
    en: "The initiative's code, e.g. BA1. A new code adds an initiative.",
    es: "El código de la iniciativa, p. ej. BA1. Un código nuevo agrega una iniciativa.",
  },
  title_es: { en: "Title in Spanish.", es: "Título en español." },
  title_en: { en: "Title in English.", es: "Título en inglés." },
  summary_es: { en: "Summary in Spanish.", es: "Resumen en español." },
  summary_en: { en: "Summary in English.", es: "Resumen en inglés." },
  component: {
    en: "Strategy component: A, B, C or D (see Lists).",
    es: "Componente de la estrategia: A, B, C o D (vea Listas).",
  },
  line_of_action: {
    en: "The component's line of action, e.g. A.1 (optional).",
    es: "La línea de acción del componente, p. ej. A.1 (opcional).",
  },
  lead_country: {
    en: "The member state leading it (ISO code: GT, HN…).",
    es: "El Estado miembro que la lidera (código ISO: GT, HN…).",
  },
  countries: {
    en: 'Participating countries, comma-separated: "GT,HN".',
    es: 'Países participantes, separados por comas: "GT,HN".',
  },
  sectors: {
    en: 'OECD-DAC sector codes with percentages adding to 100: "15210:60;15130:40".',
    es: 'Códigos de sector CAD de la OCDE con porcentajes que suman 100: "15210:60;15130:40".',
  },
  budget_amount: {
    en: 'Budget, with a dot for decimals: "1500000.50".',
    es: 'Presupuesto, con punto decimal: "1500000.50".',
  },
  budget_currency: { en: "ISO 4217 code: USD, EUR…", es: "Código ISO 4217: USD, EUR…" },
  budget_value_date: {
    en: "Date of the budget's value (YYYY-MM-DD), for its conversion to USD.",
    es: "Fecha valor del presupuesto (AAAA-MM-DD), para su conversión a USD.",
  },
  start_date: { en: "YYYY-MM-DD.", es: "AAAA-MM-DD." },
  end_date: { en: "YYYY-MM-DD, not before the start.", es: "AAAA-MM-DD, no antes del inicio." },
  status: {
    en: "Read-only: the status changes through the initiative's steps in ESCA Hub.",
    es: "Solo lectura: el estado cambia con los pasos de la iniciativa en ESCA Hub.",
  },
  version: {
    en: "Read-only: detects changes made in ESCA Hub since this download.",
    es: "Solo lectura: detecta los cambios hechos en ESCA Hub desde esta descarga.",
  },
  id: {
    en: "Read-only: the entry's id. Leave it empty on a new row.",
    es: "Solo lectura: el id del registro. Déjelo vacío en una fila nueva.",
  },
  flow_type: {
    en: "Offer, pledge, commitment or disbursement.",
    es: "Oferta, promesa, compromiso o desembolso.",
  },
  support_kind: { en: "Financial or technical.", es: "Financiero o técnico." },
  partner: {
    en: "The partner organization's code (see Lists).",
    es: "El código de la organización socia (vea Listas).",
  },
  initiative: {
    en: "The initiative's code; empty for support to a component or the whole strategy.",
    es: "El código de la iniciativa; vacío para apoyo a un componente o a toda la estrategia.",
  },
  amount: {
    en: 'With a dot for decimals: "1500000.50". Empty for technical support without a valuation.',
    es: 'Con punto decimal: "1500000.50". Vacío para apoyo técnico sin valoración.',
  },
  currency: { en: "ISO 4217 code: USD, EUR…", es: "Código ISO 4217: USD, EUR…" },
  finance_type: {
    en: "IATI finance type code, e.g. 110 (standard grant), 421 (standard loan); see Lists.",
    es: "Código de tipo de financiamiento IATI, p. ej. 110 (donación estándar), 421 (préstamo estándar); vea Listas.",
  },
  value_date: { en: "YYYY-MM-DD.", es: "AAAA-MM-DD." },
  description: {
    en: "What the support is: experts, training, equipment…",
    es: "En qué consiste el apoyo: expertos, capacitación, equipos…",
  },
  source: {
    en: "Where the figure comes from (a document, a link).",
    es: "De dónde proviene la cifra (un documento, un enlace).",
  },
  note: { en: "Any remark.", es: "Cualquier observación." },
};
