/**
 * The public reads whose anonymous answers are cached by the data's version
 * (platform/http/public-cache.ts): what journalists and delegations open when a conference
 * announces money. A route belongs here only when its answer is made from the URL and the
 * audited tables alone (every write to them advances the version): not the clock, not a
 * header, not the IATI staging tables or sessions, and not a stream.
 */
export const publicReadRoutes: ReadonlySet<string> = new Set([
  "/api/funding/summary",
  "/api/flows",
  "/api/flows/:id",
  "/api/initiatives",
  "/api/initiatives/:id",
  "/api/initiatives/:id/transitions",
  "/api/initiatives/:id/results",
  "/api/components",
  "/api/components/:id",
  "/api/lines-of-action",
  "/api/lines-of-action/:id",
  "/api/organizations",
  "/api/organizations/:id",
  "/api/indicators",
  "/api/indicators/:id",
  "/api/indicators/:id/observations",
  "/api/indicators/:id/observations.csv",
  "/api/conferences",
  "/api/conferences/:id",
  "/api/group-of-friends",
  "/api/oas-bodies",
  "/api/oas-bodies/:id",
  "/api/practices",
  "/api/practices/:id",
  "/api/search",
  "/api/iati/activities.xml",
  "/api/iati/organisation.xml",
]);
