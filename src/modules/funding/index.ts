export { findFlows, getFlow } from "./find-flows.ts";
export { FLOW_RECORDED, type FlowRecordedEvent } from "./flow-events.ts";
export type { Flow, ListFlowsQuery, RecordFlowInput, ReverseFlowInput } from "./flows.schema.ts";
export { flowFieldSchema, recordFlowSchema } from "./flows.schema.ts";
export { canRecordFlow } from "./funding.policy.ts";
export { fundingRoutes } from "./funding.routes.ts";
export {
  findCommitmentsNotDisbursed,
  findFlowsWithoutSource,
  findPendingOverDisbursements,
  findPledgesNotCommitted,
  type LedgerOpenItem,
} from "./open-items.queries.ts";
export { overDisbursementRoutes } from "./overrides/override-requests.routes.ts";
export { recordFlow } from "./record-flow.ts";
export { recordFlows } from "./record-flows.ts";
export { reverseFlow } from "./reverse-flow.ts";
export { type ReversalEntry, reverseFlows } from "./reverse-flows.ts";
export {
  type FundingFilter,
  type FundingKey,
  type FundingMeasures,
  type FundingRow,
  type FundingSummary,
  isBudgetCovered,
  summarizeFunding,
} from "./summarize-funding.ts";
