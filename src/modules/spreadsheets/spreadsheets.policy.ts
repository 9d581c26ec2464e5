import type { Principal } from "../accounts/index.ts";
import { type InitiativeVisibility, visibilityFor } from "../initiatives/index.ts";

/**
 * What an uploader's workbook may read, and reverse: exactly what the API lets them read.
 * Initiatives: published, plus the drafts their role opens (all for the secretariat, their
 * country's for a focal point, none for a partner); a draft they may not read is, to the
 * workbook, a code that does not exist. Flows: those of the initiatives they may read and
 * those not allocated to one; a partner reverses only its own organization's.
 */
export interface WorkbookScope {
  initiatives: InitiativeVisibility;
  partnerId: string | null;
}

export function workbookScope(principal: Principal): WorkbookScope {
  return {
    initiatives: visibilityFor(principal),
    partnerId:
      principal.kind === "user" && principal.role === "partner" ? principal.organizationId : null,
  };
}
