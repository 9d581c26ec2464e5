export { exportIatiActivities } from "./export/export-activities.ts";
export { exportIatiOrganisation } from "./export/export-organisation.ts";
export { iatiRoutes } from "./iati.routes.ts";
export {
  type IatiSettings,
  loadIatiSettings,
  optionalSchemaDir,
  requireSchemaDir,
} from "./iati-settings.ts";
export { syncIatiLedger } from "./ledger/sync-iati-ledger.ts";
export { findActivityLinks, setActivityLink } from "./links/activity-links.ts";
export type { IatiProblem, ParsedActivity } from "./read/iati-activity.ts";
export {
  type DryRunPhase,
  type DryRunReport,
  dryRunIatiFile,
} from "./stage/dry-run-iati-file.ts";
export { findPublications } from "./stage/find-publications.ts";
export { type ImportSummary, importIatiFile } from "./stage/import-iati-file.ts";
export { warmStagingThread } from "./stage/stage-in-worker.ts";
export { validateAgainstSchema } from "./validate/schema-validate.ts";
export {
  type ActivityReport,
  type ValidationReport,
  validateIatiFile,
} from "./validate/validate-iati-file.ts";
