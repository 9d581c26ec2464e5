export { findActivityLinks, setActivityLink } from "./activity-links.ts";
export { exportIatiActivities } from "./export-activities.ts";
export { exportIatiOrganisation } from "./export-organisation.ts";
export { findPublications } from "./find-publications.ts";
export { iatiRoutes } from "./iati.routes.ts";
export type { IatiProblem, ParsedActivity } from "./iati-activity.ts";
export {
  type IatiSettings,
  loadIatiSettings,
  optionalSchemaDir,
  requireSchemaDir,
} from "./iati-settings.ts";
export { type ImportSummary, importIatiFile } from "./import-iati-file.ts";
export { validateAgainstSchema } from "./schema-validate.ts";
export { warmStagingThread } from "./stage-in-worker.ts";
export { syncIatiLedger } from "./sync-iati-ledger.ts";
export {
  type ActivityReport,
  type ValidationReport,
  validateIatiFile,
} from "./validate-iati-file.ts";
