import { isStaff, type Principal } from "../../platform/principal.ts";

/** Drafts are the secretariat's working copies: everyone else reads published entries only. */
export const readsPublishedOnly = (principal: Principal): boolean => !isStaff(principal);
