import type { SessionUser } from "../../api/schemas.ts";

/** What the workspace layout gives every signed-in page (React Router's outlet context). */
export interface WorkspaceContext {
  user: SessionUser;
  staff: boolean;
}
