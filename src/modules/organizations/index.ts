export { createOrganization } from "./create-organization.ts";
export { findOrganizations, getOrganization } from "./find-organizations.ts";
export { findOrganizationRow } from "./organizations.queries.ts";
export { organizationRoutes } from "./organizations.routes.ts";
export type { CreateOrganizationInput, Organization } from "./organizations.schema.ts";
export { updateOrganization } from "./update-organization.ts";
