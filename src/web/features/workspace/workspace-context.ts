import type { User } from "../../../contracts/accounts.ts";

/** What the workspace layout gives every signed-in page (React Router's outlet context). */
export interface WorkspaceContext {
  user: User;
  staff: boolean;
}
