export { createInitiative } from "./create-initiative.ts";
export { findInitiativeTransitions } from "./find-initiative-transitions.ts";
export {
  assertVisibleInitiative,
  findInitiatives,
  getInitiative,
  visibilityFor,
} from "./find-initiatives.ts";
export {
  type CreateInitiativeInput,
  createInitiativeSchema,
  type TransitionInput,
  transitionInputSchema,
  type UpdateInitiativeInput,
  updateInitiativeSchema,
} from "./initiative-input.schema.ts";
export { nextStatuses } from "./initiative-lifecycle.ts";
export { canCreateInitiative, canEditInitiative } from "./initiatives.policy.ts";
export { findInitiativeView, type InitiativeVisibility } from "./initiatives.queries.ts";
export { initiativeRoutes } from "./initiatives.routes.ts";
export {
  type Initiative,
  type InitiativeField,
  initiativeFieldSchema,
  type Transition,
} from "./initiatives.schema.ts";
export { findInitiativesWithoutSource, type InitiativeOpenItem } from "./open-items.queries.ts";
export { transitionInitiative } from "./transition-initiative.ts";
export { updateInitiative } from "./update-initiative.ts";
