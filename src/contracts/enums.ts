import { z } from "zod";
import {
  flowTypes,
  initiativeStatuses,
  memberStates,
  organizationKinds,
  type rateBases,
  rollupDimensions,
  supportKinds,
  type supportRequestActions,
  supportRequestStatuses,
} from "./enum-values.ts";
import { financeTypes } from "./finance-types.ts";

export {
  flowTypes,
  initiativeStatuses,
  memberStates,
  organizationKinds,
  rateBases,
  rateBasisMeta,
  rollupDimensions,
  supportKinds,
} from "./enum-values.ts";
export { type FinanceType, financeTypes } from "./finance-types.ts";

/** IATI FinanceType codes (finance-types.ts): 110 standard grant, 421 standard loan… */
export const financeTypeSchema = z.enum(financeTypes);

export const organizationKindSchema = z.enum(organizationKinds);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const initiativeStatusSchema = z.enum(initiativeStatuses);
export type InitiativeStatus = z.infer<typeof initiativeStatusSchema>;

/** offer → pledge (IATI 12) → commitment (IATI 2) → disbursement (IATI 3). */
export const flowTypeSchema = z.enum(flowTypes);
export type FlowType = z.infer<typeof flowTypeSchema>;

export const supportKindSchema = z.enum(supportKinds);
export type SupportKind = z.infer<typeof supportKindSchema>;

export const supportRequestStatusSchema = z.enum(supportRequestStatuses);
export type SupportRequestStatus = z.infer<typeof supportRequestStatusSchema>;
export type SupportRequestAction = (typeof supportRequestActions)[number];

/** The eight SICA member states, the countries an initiative can be led by. */
export const memberStateSchema = z.enum(memberStates, {
  error: () => `must be a SICA member state: ${memberStates.join(", ")}`,
});
export type MemberState = z.infer<typeof memberStateSchema>;

export const rollupDimensionSchema = z.enum(rollupDimensions);
export type RollupDimension = z.infer<typeof rollupDimensionSchema>;

export type RateBasis = (typeof rateBases)[number];
