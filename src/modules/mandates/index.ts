export { addEvidence } from "./add-evidence.ts";
export { exportResolution, resolutionFileText } from "./export-resolution.ts";
export {
  findMandateByParagraph,
  findMandates,
  findParagraphsOfInitiative,
  getMandate,
} from "./find-mandates.ts";
export { type ImportedResolution, importResolution } from "./import-resolution.ts";
export { linkInitiative, unlinkInitiative } from "./link-initiative.ts";
export { mandateRoutes } from "./mandates.routes.ts";
export { findMandatesWithoutStatus, type MandateOpenItem } from "./open-items.queries.ts";
export { removeEvidenceOfRecord } from "./remove-evidence.ts";
export { parseResolutionFile, type ResolutionFile } from "./resolution-file.ts";
export { setMandateStatus } from "./set-mandate-status.ts";
export { shippedResolutionFile, shippedResolutionPath } from "./shipped-resolutions.ts";
export { traceMandate } from "./trace-mandate.ts";
