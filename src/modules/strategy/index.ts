export { createComponent } from "./create-component.ts";
export { createLineOfAction } from "./create-line-of-action.ts";
export { findComponents, getComponent } from "./find-components.ts";
export { findLinesOfAction, getLineOfAction } from "./find-lines-of-action.ts";
export {
  type ComponentRow,
  findComponentRow,
  findLineOfActionRow,
  type LineOfActionRow,
} from "./strategy.queries.ts";
export { strategyRoutes } from "./strategy.routes.ts";
export {
  type Component,
  type CreateComponentInput,
  type CreateLineOfActionInput,
  createComponentSchema,
  createLineOfActionSchema,
  type LineOfAction,
} from "./strategy.schema.ts";
export { updateComponent } from "./update-component.ts";
export { updateLineOfAction } from "./update-line-of-action.ts";
