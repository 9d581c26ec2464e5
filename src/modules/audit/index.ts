export { findLastChangeAt } from "./audit.queries.ts";
export { auditRoutes } from "./audit.routes.ts";
export type { AuditEntry, AuditHistory, AuditList, AuditVerdict } from "./audit.schema.ts";
export { findAudit } from "./find-audit.ts";
export { findAuditHistory } from "./find-audit-history.ts";
export { type AuditEventAction, recordAuditEvent } from "./record-audit-event.ts";
export { recordRefusals } from "./record-refusals.ts";
export { runChainVerification } from "./run-chain-verification.ts";
export {
  type AuditChainVerdict,
  type BrokenLink,
  type ChainHead,
  verifyAuditChain,
} from "./verify-audit-chain.ts";
