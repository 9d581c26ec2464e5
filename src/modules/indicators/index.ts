export { createIndicator } from "./create-indicator.ts";
export { trimDecimal } from "./decimal.ts";
export { exportObservationsCsv } from "./export-observations-csv.ts";
export { findIndicators, getIndicator } from "./find-indicators.ts";
export { findObservations } from "./find-observations.ts";
export { importObservationsCsv, previewObservationsCsv } from "./import-observations-csv.ts";
export { findIndicatorRow, type IndicatorRow } from "./indicators.queries.ts";
export { indicatorRoutes } from "./indicators.routes.ts";
export {
  type CreateIndicatorInput,
  createIndicatorSchema,
  type Indicator,
  indicatorValueSchema,
  type Observation,
  type RecordObservationInput,
  recordObservationSchema,
  yearSchema,
} from "./indicators.schema.ts";
export { recordObservation } from "./record-observation.ts";
export { updateIndicator } from "./update-indicator.ts";
export { updateObservation } from "./update-observation.ts";
