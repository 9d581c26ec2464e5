import type { Principal } from "../accounts/index.ts";
import { canRecordFlow } from "../funding/index.ts";
import {
  canCreateInitiative,
  canEditInitiative,
  type InitiativeVisibility,
  visibilityFor,
} from "../initiatives/index.ts";
import type { RowProblem } from "./plan.ts";

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

interface Partner {
  id: string;
  code: string;
}

/** What one row of a workbook would write, with the facts its permission depends on. */
export type WorkbookWrite =
  | {
      sheet: "flows";
      /** The partner of the entry recorded (added, or a changed row's new entry). */
      records?: Partner | undefined;
      /** The partner of the standing entry reversed (a changed or left-out row). */
      reverses?: Partner | undefined;
    }
  | {
      sheet: "initiatives";
      code: string;
      leadCountry: string;
      /** The initiative changed; none for one the row adds. */
      current?: { lead_country: string; status: string; published_at: Date | null } | undefined;
    };

/**
 * Whether the principal may write one workbook row, by the same rules as the API's own
 * writes (funding's canRecordFlow, initiatives' canCreateInitiative and canEditInitiative).
 * Preview and apply plan every row through this one function, so a preview names each row
 * apply would refuse. A refusal is the row's problem, in the column it is about.
 */
export function canWriteWorkbookRow(principal: Principal, write: WorkbookWrite): RowProblem[] {
  if (write.sheet === "flows") {
    const partners = [write.reverses, write.records].filter((p): p is Partner => Boolean(p));
    const refusedPartner = partners.find((p) => !canRecordFlow(principal, p.id).allowed);
    if (!refusedPartner) return [];
    const decision = canRecordFlow(principal, refusedPartner.id);
    return [
      {
        column: "partner",
        message: `this is ${refusedPartner.code}'s support. ${decision.allowed ? "" : decision.reason}`,
        rule: { code: "workbook_flow_not_yours", partner: refusedPartner.code },
      },
    ];
  }
  const decision = write.current
    ? canEditInitiative(principal, write.current, write.leadCountry)
    : canCreateInitiative(principal, write.leadCountry);
  if (decision.allowed) return [];
  return [
    {
      column: "code",
      message: `${write.code} may not be ${write.current ? "changed" : "added"} by you. ${decision.reason}`,
      rule: {
        code: write.current ? "workbook_initiative_not_editable" : "workbook_initiative_not_new",
        initiative: write.code,
      },
    },
  ];
}
