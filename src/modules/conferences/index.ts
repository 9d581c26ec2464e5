export { findConferenceRow } from "./conferences.queries.ts";
export { conferenceRoutes } from "./conferences.routes.ts";
export {
  type Conference,
  type CreateConferenceInput,
  createConferenceSchema,
} from "./conferences.schema.ts";
export { createConference } from "./create-conference.ts";
export { findConferences, getConference } from "./find-conferences.ts";
export { updateConference } from "./update-conference.ts";
