export { addConferencePart } from "./add-conference-part.ts";
export type { PartInput } from "./conference-part-values.ts";
export { findConferenceRow } from "./conferences.queries.ts";
export { conferenceRoutes } from "./conferences.routes.ts";
export {
  type Conference,
  type CreateConferenceInput,
  createConferenceSchema,
} from "./conferences.schema.ts";
export { createConference } from "./create-conference.ts";
export { findConferences, getConference, getConferenceDetail } from "./find-conferences.ts";
export { findGroupOfFriends } from "./find-group-of-friends.ts";
export { setGroupOfFriendsJoin } from "./set-group-of-friends-join.ts";
export { updateConference } from "./update-conference.ts";
