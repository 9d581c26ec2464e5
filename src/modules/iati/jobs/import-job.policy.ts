import { isStaff, type Principal } from "../../accounts/index.ts";

/** An import job is seen by whoever started it and by the secretariat; to others it does not exist. */
export const canSeeImportJob = (principal: Principal, ownerId: string | null): boolean =>
  isStaff(principal) || (principal.kind === "user" && principal.userId === ownerId);

const NOBODY = "00000000-0000-0000-0000-000000000000";

/** Whose jobs a principal's history lists: everyone's (null) for the secretariat, else its own. */
export const importJobOwnerFilter = (principal: Principal): string | null =>
  isStaff(principal) ? null : principal.kind === "user" ? principal.userId : NOBODY;
