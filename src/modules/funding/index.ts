export { findFlows, getFlow } from "./find-flows.ts";
export type { Flow, ListFlowsQuery, RecordFlowInput, ReverseFlowInput } from "./flows.schema.ts";
export { recordFlowSchema } from "./flows.schema.ts";
export { fundingRoutes } from "./funding.routes.ts";
export { recordFlow } from "./record-flow.ts";
export { reverseFlow } from "./reverse-flow.ts";
export {
  type FundingFilter,
  type FundingKey,
  type FundingMeasures,
  type FundingRow,
  type FundingSummary,
  isBudgetCovered,
  summarizeFunding,
} from "./summarize-funding.ts";
