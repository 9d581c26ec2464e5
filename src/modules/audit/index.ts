export { auditRoutes } from "./audit.routes.ts";
export type { AuditEntry, AuditList } from "./audit.schema.ts";
export { findAudit, findAuditHistory } from "./find-audit.ts";
export { type AuditEventAction, recordAuditEvent } from "./record-audit-event.ts";
export { recordRefusals } from "./record-refusals.ts";
export {
  type AuditChainVerdict,
  type BrokenLink,
  verifyAuditChain,
} from "./verify-audit-chain.ts";
