export { recordsMatching } from "./match-records.ts";
export { searchRoutes } from "./search.routes.ts";
export { searchRecords } from "./search-records.ts";
