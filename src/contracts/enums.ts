import { z } from "zod";

export const organizationKinds = [
  "member_state",
  "partner_government",
  "international_org",
  "oas_body",
  "sica_body",
  "civil_society",
] as const;
export const organizationKindSchema = z.enum(organizationKinds);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const initiativeStatuses = [
  "draft",
  "submitted",
  "endorsed",
  "seeking_funding",
  "in_execution",
  "completed",
  "rejected",
  "cancelled",
] as const;
export const initiativeStatusSchema = z.enum(initiativeStatuses);
export type InitiativeStatus = z.infer<typeof initiativeStatusSchema>;

/** offer → pledge (IATI 12) → commitment (IATI 2) → disbursement (IATI 3). */
export const flowTypes = ["offer", "pledge", "commitment", "disbursement"] as const;
export const flowTypeSchema = z.enum(flowTypes);
export type FlowType = z.infer<typeof flowTypeSchema>;

export const supportKinds = ["financial", "technical"] as const;
export const supportKindSchema = z.enum(supportKinds);
export type SupportKind = z.infer<typeof supportKindSchema>;

/** The eight SICA member states, the countries an initiative can be led by. */
export const memberStates = ["BZ", "CR", "SV", "GT", "HN", "NI", "PA", "DO"] as const;
export const memberStateSchema = z.enum(memberStates, {
  error: () => `must be a SICA member state: ${memberStates.join(", ")}`,
});
export type MemberState = z.infer<typeof memberStateSchema>;

/**
 * What an exchange rate is (migration 20261205212000): the rate of its day, the average of the
 * month it is dated at the start of, the average of the year it is dated 1 January of, or a
 * fixed peg.
 */
export const rateBases = ["daily", "monthly_average", "annual_average", "peg"] as const;
export type RateBasis = (typeof rateBases)[number];

export const rollupDimensions = ["component", "country", "partner", "year", "initiative"] as const;
export const rollupDimensionSchema = z.enum(rollupDimensions);
export type RollupDimension = z.infer<typeof rollupDimensionSchema>;
