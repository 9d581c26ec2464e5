// Who is acting is defined in the platform, which authenticates no one itself; modules that
// already name the principal through accounts keep doing so.
export {
  actorLabel,
  actorUserId,
  allow,
  anonymous,
  assertAllowed,
  type Decision,
  deny,
  isStaff,
  type Principal,
  systemPrincipal,
  type UserPrincipal,
} from "../../platform/principal.ts";
export type { User } from "./accounts.schema.ts";
export { authRoutes } from "./auth.routes.ts";
export { installAuthentication } from "./authenticate.ts";
export { createUser, generatePassword } from "./create-user.ts";
export { findUsers, getUser } from "./find-users.ts";
export { resetPassword } from "./manage-password.ts";
export { findActiveRecipients, type Recipient } from "./recipients.queries.ts";
export { setLanguage } from "./set-language.ts";
export { updateUser } from "./update-user.ts";
export { userRoutes } from "./users.routes.ts";
