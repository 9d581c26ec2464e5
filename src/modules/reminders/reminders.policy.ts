import type { ReminderItem } from "../../contracts/reminders.ts";
import { isStaff, type Principal } from "../accounts/index.ts";

/**
 * Whose inbox an item is in: the organization that must act on it; items of no organization
 * (approvals, mandates' statuses, missing rates) are the secretariat's, so staff see them
 * beside their own organization's.
 */
export function isInInbox(
  item: Pick<ReminderItem, "organization">,
  viewer: { organizationId: string; staff: boolean },
): boolean {
  if (item.organization === null) return viewer.staff;
  return item.organization.id === viewer.organizationId;
}

export function inboxViewer(principal: Principal): { organizationId: string; staff: boolean } {
  if (principal.kind !== "user") return { organizationId: "", staff: isStaff(principal) };
  return { organizationId: principal.organizationId, staff: isStaff(principal) };
}

/** A partner fixes its ledger entries at its desk (the workspace home), staff on the flows page. */
export function fixPathFor(item: ReminderItem, staff: boolean): string {
  return !staff && item.fix_path === "/workspace/flows" ? "/workspace" : item.fix_path;
}
