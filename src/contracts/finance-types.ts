/*
 * The IATI FinanceType codelist (version 2.03, iatistandard.org/en/iati-standard/203/codelists/
 * financetype/): the codes a transaction's finance-type takes, with their names in the
 * portal's two languages and the kind the portal groups them by. The active codes, and 410
 * (aid loan excluding debt reorganisation, withdrawn in 2.03) which older files still carry.
 * The statistical codes 1–4 (GNI, ODA % GNI…) describe no transaction and are left out.
 * Migration 20261206001000 lists the same codes in its CHECK.
 */

/** How the portal shows money apart: a grant is given, a loan is paid back. */
export const financeKinds = ["grant", "loan", "other"] as const;
export type FinanceKind = (typeof financeKinds)[number];

interface FinanceTypeEntry {
  kind: FinanceKind;
  en: string;
  es: string;
}

export const financeTypeNames = {
  "110": { kind: "grant", en: "Standard grant", es: "Donación estándar" },
  "210": { kind: "grant", en: "Interest subsidy", es: "Subsidio de intereses" },
  "310": {
    kind: "other",
    en: "Capital subscription on deposit basis",
    es: "Suscripción de capital en depósito",
  },
  "311": {
    kind: "other",
    en: "Capital subscription on encashment basis",
    es: "Suscripción de capital en efectivo",
  },
  "410": {
    kind: "loan",
    en: "Aid loan excluding debt reorganisation",
    es: "Préstamo de ayuda, sin reorganización de deuda",
  },
  "421": { kind: "loan", en: "Standard loan", es: "Préstamo estándar" },
  "422": { kind: "loan", en: "Reimbursable grant", es: "Donación reembolsable" },
  "423": { kind: "loan", en: "Bonds", es: "Bonos" },
  "424": { kind: "loan", en: "Asset-backed securities", es: "Títulos respaldados por activos" },
  "425": { kind: "loan", en: "Other debt securities", es: "Otros títulos de deuda" },
  "431": { kind: "loan", en: "Subordinated loan", es: "Préstamo subordinado" },
  "432": { kind: "other", en: "Preferred equity", es: "Acciones preferentes" },
  "433": { kind: "other", en: "Other hybrid instruments", es: "Otros instrumentos híbridos" },
  "510": { kind: "other", en: "Common equity", es: "Acciones ordinarias" },
  "520": {
    kind: "other",
    en: "Shares in collective investment vehicles",
    es: "Participaciones en vehículos de inversión colectiva",
  },
  "530": { kind: "other", en: "Reinvested earnings", es: "Utilidades reinvertidas" },
  "610": {
    kind: "other",
    en: "Debt forgiveness: ODA claims (P)",
    es: "Condonación de deuda: créditos AOD (P)",
  },
  "611": {
    kind: "other",
    en: "Debt forgiveness: ODA claims (I)",
    es: "Condonación de deuda: créditos AOD (I)",
  },
  "612": {
    kind: "other",
    en: "Debt forgiveness: OOF claims (P)",
    es: "Condonación de deuda: créditos OOF (P)",
  },
  "613": {
    kind: "other",
    en: "Debt forgiveness: OOF claims (I)",
    es: "Condonación de deuda: créditos OOF (I)",
  },
  "614": {
    kind: "other",
    en: "Debt forgiveness: Private claims (P)",
    es: "Condonación de deuda: créditos privados (P)",
  },
  "615": {
    kind: "other",
    en: "Debt forgiveness: Private claims (I)",
    es: "Condonación de deuda: créditos privados (I)",
  },
  "616": {
    kind: "other",
    en: "Debt forgiveness: OOF claims (DSR)",
    es: "Condonación de deuda: créditos OOF (RSD)",
  },
  "617": {
    kind: "other",
    en: "Debt forgiveness: Private claims (DSR)",
    es: "Condonación de deuda: créditos privados (RSD)",
  },
  "618": { kind: "other", en: "Debt forgiveness: Other", es: "Condonación de deuda: otros" },
  "620": {
    kind: "other",
    en: "Debt rescheduling: ODA claims (P)",
    es: "Reprogramación de deuda: créditos AOD (P)",
  },
  "621": {
    kind: "other",
    en: "Debt rescheduling: ODA claims (I)",
    es: "Reprogramación de deuda: créditos AOD (I)",
  },
  "622": {
    kind: "other",
    en: "Debt rescheduling: OOF claims (P)",
    es: "Reprogramación de deuda: créditos OOF (P)",
  },
  "623": {
    kind: "other",
    en: "Debt rescheduling: OOF claims (I)",
    es: "Reprogramación de deuda: créditos OOF (I)",
  },
  "624": {
    kind: "other",
    en: "Debt rescheduling: Private claims (P)",
    es: "Reprogramación de deuda: créditos privados (P)",
  },
  "625": {
    kind: "other",
    en: "Debt rescheduling: Private claims (I)",
    es: "Reprogramación de deuda: créditos privados (I)",
  },
  "626": {
    kind: "other",
    en: "Debt rescheduling: OOF claims (DSR)",
    es: "Reprogramación de deuda: créditos OOF (RSD)",
  },
  "627": {
    kind: "other",
    en: "Debt rescheduling: Private claims (DSR)",
    es: "Reprogramación de deuda: créditos privados (RSD)",
  },
  "630": {
    kind: "other",
    en: "Debt rescheduling: OOF claim (DSR – original loan principal)",
    es: "Reprogramación de deuda: crédito OOF (RSD – principal del préstamo original)",
  },
  "631": {
    kind: "other",
    en: "Debt rescheduling: OOF claim (DSR – original loan interest)",
    es: "Reprogramación de deuda: crédito OOF (RSD – intereses del préstamo original)",
  },
  "632": {
    kind: "other",
    en: "Debt rescheduling: Private claim (DSR – original loan principal)",
    es: "Reprogramación de deuda: crédito privado (RSD – principal del préstamo original)",
  },
  "633": {
    kind: "other",
    en: "Debt forgiveness/conversion: export credit claims (P)",
    es: "Condonación/conversión de deuda: créditos a la exportación (P)",
  },
  "634": {
    kind: "other",
    en: "Debt forgiveness/conversion: export credit claims (I)",
    es: "Condonación/conversión de deuda: créditos a la exportación (I)",
  },
  "635": {
    kind: "other",
    en: "Debt forgiveness: export credit claims (DSR)",
    es: "Condonación de deuda: créditos a la exportación (RSD)",
  },
  "636": {
    kind: "other",
    en: "Debt rescheduling: export credit claims (P)",
    es: "Reprogramación de deuda: créditos a la exportación (P)",
  },
  "637": {
    kind: "other",
    en: "Debt rescheduling: export credit claims (I)",
    es: "Reprogramación de deuda: créditos a la exportación (I)",
  },
  "638": {
    kind: "other",
    en: "Debt rescheduling: export credit claims (DSR)",
    es: "Reprogramación de deuda: créditos a la exportación (RSD)",
  },
  "639": {
    kind: "other",
    en: "Debt rescheduling: export credit claim (DSR – original loan principal)",
    es: "Reprogramación de deuda: crédito a la exportación (RSD – principal del préstamo original)",
  },
  "1100": { kind: "other", en: "Guarantees/insurance", es: "Garantías/seguros" },
} as const satisfies Record<string, FinanceTypeEntry>;

export type FinanceType = keyof typeof financeTypeNames;

/** The codes in codelist order. */
export const financeTypes = Object.keys(financeTypeNames).sort((a, b) => Number(a) - Number(b)) as [
  FinanceType,
  ...FinanceType[],
];

export const isFinanceType = (code: string): code is FinanceType =>
  Object.hasOwn(financeTypeNames, code);

/** grant, loan or other; null (not stated) stays null. */
export const financeKindOf = (code: string | null): FinanceKind | null =>
  code !== null && isFinanceType(code) ? financeTypeNames[code].kind : null;
