/*
 * The closed lists of values the API speaks of, without zod: the server's input schemas
 * (enums.ts, roles.ts, in full zod) and the answers' shapes (in zod/mini) are built from
 * them, so the web can name a value without loading either flavour's schemas.
 */

export const organizationKinds = [
  "member_state",
  "partner_government",
  "international_org",
  "oas_body",
  "sica_body",
  "civil_society",
] as const;

/** The lifecycle's forward path, step by step; rejected and cancelled leave it. */
export const initiativeForwardPath = [
  "draft",
  "submitted",
  "endorsed",
  "seeking_funding",
  "in_execution",
  "completed",
] as const;

export const initiativeStatuses = [...initiativeForwardPath, "rejected", "cancelled"] as const;

/** offer → pledge (IATI 12) → commitment (IATI 2) → disbursement (IATI 3). */
export const flowTypes = ["offer", "pledge", "commitment", "disbursement"] as const;

export const supportKinds = ["financial", "technical"] as const;

/** A partner's request to disburse above its commitment, decided once by the secretariat. */
export const overrideRequestStatuses = ["requested", "approved", "declined"] as const;
export type OverrideRequestStatus = (typeof overrideRequestStatuses)[number];

/** The eight SICA member states, the countries an initiative can be led by. */
export const memberStates = ["BZ", "CR", "SV", "GT", "HN", "NI", "PA", "DO"] as const;

export const rollupDimensions = [
  "component",
  "country",
  "partner",
  "year",
  "initiative",
  "finance_type",
] as const;

/**
 * How a ledger entry came in: entered by a person (the flow form, a spreadsheet, the API —
 * the ledger does not tell these apart), an IATI import, the demo data, an operator command.
 */
export const flowOrigins = ["entered", "iati_import", "demo_data", "operator"] as const;
export type FlowOrigin = (typeof flowOrigins)[number];

/**
 * Whom a resolution's operative paragraph addresses, and who reports on it (migration
 * 20261206001400_mandates.sql lists the same values).
 */
export const mandateAddressees = [
  "member_states",
  "central_american_states",
  "general_secretariat",
  "permanent_council",
  "general_assembly",
  "oas_organs",
  "international_organizations",
  "international_community",
  "group_of_friends",
  "all_sectors_of_society",
] as const;

/** Where a mandate stands in one reporting period. */
export const mandateStatuses = [
  "not_started",
  "in_progress",
  "implemented",
  "not_applicable",
] as const;

/**
 * What can be shown as evidence that a mandate is being carried out: a record of ESCA Hub
 * named by kind and id. A new kind is added here and in the migration's CHECK.
 */
export const evidenceKinds = [
  "initiative",
  "flow",
  "conference",
  "support_request",
  "report",
  "practice",
] as const;

/**
 * What an exchange rate is (migration 20261205212000): the rate of its day, the average of
 * the month it is dated at the start of, the average of the year it is dated 1 January of,
 * or a fixed peg.
 */
export const rateBases = ["daily", "monthly_average", "annual_average", "peg"] as const;
export const rateBasisMeta = {
  description:
    "daily: the rate of its date; monthly_average: the mean of the month starting on its date; annual_average: the mean of the year starting on its date; peg: a fixed parity",
};

/**
 * What an OAS body is (AG/RES. 2626 ¶8: "organs, agencies and entities"; migration
 * 20261207002000): the Organization itself, an organ of the Charter (General Secretariat,
 * IACHR), a specialized organization (CIM, IIN), a unit of the General Secretariat (SMS,
 * DPS), or another entity (CICAD, CICTE, the Inter-American Defense Board, JSCA).
 */
export const oasBodyKinds = [
  "organization",
  "organ",
  "specialized_organization",
  "secretariat_unit",
  "entity",
] as const;
export type OasBodyKind = (typeof oasBodyKinds)[number];

/** Who uses ESCA Hub (DESIGN.md "Who uses it"); the public needs no account. */
export const roles = ["focal_point", "partner", "secretariat", "admin", "body_officer"] as const;

/** Where a support request stands (AG/RES. 2626 ¶7–¶8; migration 20261206001500). */
export const supportRequestStatuses = [
  "submitted",
  "acknowledged",
  "accepted",
  "declined",
  "completed",
] as const;
/** The steps of a request's timeline: its submission, each answer, notes, the ledger link. */
export const supportRequestActions = [
  "submitted",
  "acknowledged",
  "accepted",
  "declined",
  "progress",
  "completed",
  "flow_linked",
] as const;

/** The fields of an initiative that can be marked illustrative on their own. */
export const initiativeFields = [
  "code",
  "title",
  "summary",
  "line_of_action",
  "lead_country",
  "countries",
  "executing_agency",
  "sectors",
  "budget",
  "start_date",
  "end_date",
  "status",
  "targets",
] as const;

/** The parts of a ledger entry that can be marked illustrative on their own. */
export const flowFields = [
  "partner",
  "allocation",
  "amount",
  "value_date",
  "description",
  "finance_type",
] as const;

/** The languages ESCA Hub speaks: a user's e-mail (digests) is in one of them. */
export const languages = ["es", "en"] as const;
export type Language = (typeof languages)[number];
