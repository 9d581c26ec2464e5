export { createOasBody } from "./create-oas-body.ts";
export { findOasBodies, getOasBody } from "./find-oas-bodies.ts";
export { oasBodyRoutes } from "./oas-bodies.routes.ts";
export type { OasBody, OasBodyEntry, OasBodyProfileInput } from "./oas-bodies.schema.ts";
export { saveOasBodyProfile } from "./save-oas-body-profile.ts";
export { updateOasBody } from "./update-oas-body.ts";
