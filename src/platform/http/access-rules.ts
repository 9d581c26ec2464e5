import { roles } from "../../contracts/roles.ts";
import type { AccessRule } from "./access.ts";

/** The access rules routes use; record-level rules live in each module's policy. */
export const staff: AccessRule = { roles: ["secretariat", "admin"] };
/** Partners record their own organization's support; the secretariat records on partners' behalf. */
export const flowWriters: AccessRule = {
  roles: ["partner", "secretariat", "admin"],
  scope: "flows:write",
};
/** Focal points present and update their own country's initiatives; the secretariat moves them on. */
export const presenters: AccessRule = { roles: ["focal_point", "secretariat", "admin"] };
/** Focal points report their own country's indicator values. */
export const observers: AccessRule = { roles: ["focal_point", "secretariat", "admin"] };
/** An OAS body's officer answers the support requests addressed to their body; the secretariat any. */
export const bodyResponders: AccessRule = { roles: ["body_officer", "secretariat", "admin"] };
/** Every signed-in role. */
export const signedIn: AccessRule = { roles };
