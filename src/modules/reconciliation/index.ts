export {
  type Difference,
  differencesCsv,
  reconcilePublications,
} from "./reconcile-publications.ts";
export { reconciliationRoutes } from "./reconciliation.routes.ts";
