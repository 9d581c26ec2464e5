import type { ReportLanguage } from "./report-figures.ts";

/** The report's own words, in both languages (the web catalogs are the web's, not the server's). */
export const REPORT_WORDS = {
  en: {
    language: "English",
    originalLanguage: (language: string) => `Original: ${language}`,
    council: "PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES",
    title:
      "Report of the Permanent Council to the General Assembly on the implementation of resolution",
    subtitle: "International Conference in Support of the Central American Security Strategy",
    dataAsOf: (when: string) => `Data as of ${when} (UTC). Only what was recorded by then counts.`,
    date: "Date",
    summary: "Summary",
    summaryText: (f: SummaryFacts) =>
      `As of ${f.when}, partners had announced USD ${f.announced} in support of the Central American Security Strategy, committed USD ${f.committed} and disbursed USD ${f.disbursed}. The ${f.initiatives} published initiatives have a budget of USD ${f.budget}; commitments cover ${f.coverage} of it, leaving a funding gap of USD ${f.gap}. Of the ${f.paragraphs} operative paragraphs of the resolution, ${f.reported} have a reported status.`,
    paragraphs: "Implementation by operative paragraph",
    paragraph: (n: number) => `Paragraph ${n}`,
    unofficial: "(unofficial translation)",
    status: "Status",
    period: "Period",
    note: "Note",
    evidence: "Evidence",
    initiativesAnswering: "Initiatives answering this paragraph",
    noStatus: "No status reported by this date.",
    noEvidence: "No evidence recorded by this date.",
    illustrativeMark: "illustrative",
    funding: "Funding",
    fundingIntro:
      "All amounts are in US dollars, each valued at the rate of its value date. Every total is the sum of its rows plus the named rows of support not yet allocated.",
    byComponent: "Funding by component of the Strategy",
    byCountry: "Funding by country",
    byPartner: "Funding by partner",
    component: "Component",
    country: "Country",
    partner: "Partner",
    total: "Total",
    definitions: "Definitions of the measures",
    charts: "Charts",
    chartByComponent: "Committed, disbursed and gap by component (USD)",
    chartTrend: (name: string) => `${name}: trend by country`,
    indicators: "Indicator trends",
    indicatorSource: "Sources",
    noIndicators: "No indicator values recorded by this date.",
    annex: "Annex: initiatives",
    code: "Code",
    titleColumn: "Title",
    leadCountry: "Lead country",
    sources: "Note on sources and illustrative figures",
    sourcesText: (p: ProvenanceFacts) =>
      `The figures come from ESCA Hub's ledger of support flows and its register of initiatives, computed by one roll-up so that every table agrees. Of the ${p.flows} ledger entries counted, ${p.illustrativeFlows} are illustrative (demonstration data, not published figures); of the ${p.initiatives} initiatives, ${p.illustrativeInitiatives} are illustrative. Rows and values marked "illustrative" are not official figures. Indicator values name their source beside each table.`,
    flowSources: "Sources of the ledger entries",
    statuses: {
      not_started: "Not started",
      in_progress: "In progress",
      implemented: "Implemented",
      not_applicable: "Not applicable",
    } as Record<string, string>,
    initiativeStatuses: {
      draft: "Draft",
      submitted: "Submitted",
      endorsed: "Endorsed",
      seeking_funding: "Seeking funding",
      in_execution: "In execution",
      completed: "Completed",
      rejected: "Rejected",
      cancelled: "Cancelled",
    } as Record<string, string>,
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  es: {
    language: "español",
    originalLanguage: (language: string) => `Original: ${language}`,
    council: "CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS",
    title:
      "Informe del Consejo Permanente a la Asamblea General sobre la implementación de la resolución",
    subtitle: "Conferencia Internacional de Apoyo a la Estrategia de Seguridad de Centroamérica",
    dataAsOf: (when: string) =>
      `Datos al ${when} (UTC). Solo cuenta lo registrado hasta ese momento.`,
    date: "Fecha",
    summary: "Resumen",
    summaryText: (f: SummaryFacts) =>
      `Al ${f.when}, los socios habían anunciado USD ${f.announced} en apoyo a la Estrategia de Seguridad de Centroamérica, comprometido USD ${f.committed} y desembolsado USD ${f.disbursed}. Las ${f.initiatives} iniciativas publicadas tienen un presupuesto de USD ${f.budget}; los compromisos cubren el ${f.coverage}, y queda una brecha de financiamiento de USD ${f.gap}. De los ${f.paragraphs} párrafos resolutivos de la resolución, ${f.reported} tienen un estado informado.`,
    paragraphs: "Implementación por párrafo resolutivo",
    paragraph: (n: number) => `Párrafo ${n}`,
    unofficial: "(traducción no oficial)",
    status: "Estado",
    period: "Período",
    note: "Nota",
    evidence: "Evidencia",
    initiativesAnswering: "Iniciativas que responden a este párrafo",
    noStatus: "Sin estado informado a esta fecha.",
    noEvidence: "Sin evidencia registrada a esta fecha.",
    illustrativeMark: "ilustrativo",
    funding: "Financiamiento",
    fundingIntro:
      "Todos los montos están en dólares estadounidenses, cada uno al tipo de cambio de su fecha valor. Cada total es la suma de sus filas más las filas nombradas del apoyo aún sin asignar.",
    byComponent: "Financiamiento por componente de la Estrategia",
    byCountry: "Financiamiento por país",
    byPartner: "Financiamiento por socio",
    component: "Componente",
    country: "País",
    partner: "Socio",
    total: "Total",
    definitions: "Definiciones de las medidas",
    charts: "Gráficos",
    chartByComponent: "Comprometido, desembolsado y brecha por componente (USD)",
    chartTrend: (name: string) => `${name}: tendencia por país`,
    indicators: "Tendencias de los indicadores",
    indicatorSource: "Fuentes",
    noIndicators: "Sin valores de indicadores registrados a esta fecha.",
    annex: "Anexo: iniciativas",
    code: "Código",
    titleColumn: "Título",
    leadCountry: "País líder",
    sources: "Nota sobre las fuentes y las cifras ilustrativas",
    sourcesText: (p: ProvenanceFacts) =>
      `Las cifras provienen del registro de flujos de apoyo y del registro de iniciativas de ESCA Hub, calculadas por un único consolidado para que todas las tablas coincidan. De los ${p.flows} registros contados, ${p.illustrativeFlows} son ilustrativos (datos de demostración, no cifras publicadas); de las ${p.initiatives} iniciativas, ${p.illustrativeInitiatives} son ilustrativas. Las filas y valores marcados como «ilustrativo» no son cifras oficiales. Los valores de los indicadores nombran su fuente junto a cada tabla.`,
    flowSources: "Fuentes de los registros",
    statuses: {
      not_started: "No iniciado",
      in_progress: "En curso",
      implemented: "Cumplido",
      not_applicable: "No aplica",
    } as Record<string, string>,
    initiativeStatuses: {
      draft: "Borrador",
      submitted: "Presentada",
      endorsed: "Respaldada",
      seeking_funding: "En busca de financiamiento",
      in_execution: "En ejecución",
      completed: "Finalizada",
      rejected: "Rechazada",
      cancelled: "Cancelada",
    } as Record<string, string>,
    page: (n: number, of: number) => `Página ${n} de ${of}`,
  },
} as const;

export interface SummaryFacts {
  when: string;
  announced: string;
  committed: string;
  disbursed: string;
  budget: string;
  coverage: string;
  gap: string;
  initiatives: number;
  paragraphs: number;
  reported: number;
}

export interface ProvenanceFacts {
  flows: number;
  illustrativeFlows: number;
  initiatives: number;
  illustrativeInitiatives: number;
}

export type ReportWords = (typeof REPORT_WORDS)[ReportLanguage];

/** Countries by ISO code, in each language (the SICA member states and a few partners). */
export const COUNTRY_NAMES: Record<string, { es: string; en: string }> = {
  BZ: { es: "Belice", en: "Belize" },
  CR: { es: "Costa Rica", en: "Costa Rica" },
  SV: { es: "El Salvador", en: "El Salvador" },
  GT: { es: "Guatemala", en: "Guatemala" },
  HN: { es: "Honduras", en: "Honduras" },
  NI: { es: "Nicaragua", en: "Nicaragua" },
  PA: { es: "Panamá", en: "Panama" },
  DO: { es: "República Dominicana", en: "Dominican Republic" },
  MX: { es: "México", en: "Mexico" },
  CO: { es: "Colombia", en: "Colombia" },
};

/**
 * A USD decimal string ("1234567.89", "-5.00") grouped as each language writes it:
 * en 1,234,567.89; es 1.234.567,89. Exact: the digits are the roll-up's, never a float.
 */
export function formatUsd(value: string, language: ReportLanguage): string {
  const negative = value.startsWith("-");
  const [whole = "0", cents = "00"] = value.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === "es" ? "." : ",");
  return `${negative ? "-" : ""}${grouped}${language === "es" ? "," : "."}${cents.padEnd(2, "0")}`;
}

/** A percentage string ("40.00") as each language writes it: 40.00 % / 40,00 %. */
export function formatPercent(value: string, language: ReportLanguage): string {
  return `${language === "es" ? value.replace(".", ",") : value} %`;
}

/** "2026-12-06T03:00:00.000Z" → "6 December 2026, 03:00" / "6 de diciembre de 2026, 03:00". */
export function formatInstant(iso: string, language: ReportLanguage): string {
  const date = new Date(iso);
  const months = {
    en: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
    es: [
      "enero",
      "febrero",
      "marzo",
      "abril",
      "mayo",
      "junio",
      "julio",
      "agosto",
      "septiembre",
      "octubre",
      "noviembre",
      "diciembre",
    ],
  }[language];
  const day = date.getUTCDate();
  const month = months[date.getUTCMonth()];
  const year = date.getUTCFullYear();
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  return language === "es"
    ? `${day} de ${month} de ${year}, ${time}`
    : `${day} ${month} ${year}, ${time}`;
}
