export { defineResultsIndicator } from "./define-results-indicator.ts";
export { findResultsFramework, findResultsIndicatorsOf } from "./find-results-framework.ts";
export { findResultsNotReported, type ResultOpenItem } from "./open-items.queries.ts";
export { progressToTarget } from "./progress-to-target.ts";
export { reportActual } from "./report-actual.ts";
export { resultsRoutes } from "./results.routes.ts";
export {
  type DefineResultsIndicatorInput,
  defineResultsIndicatorSchema,
  type ReportActualInput,
  reportActualSchema,
} from "./results.schema.ts";
export { updateResultsIndicator } from "./update-results-indicator.ts";
