import { z } from "zod/mini";
import { listOf, names, optionalNames, timestamp, uuid } from "./shapes.ts";

const lineOfAction = z.object({
  id: uuid,
  code: z.string(),
  component: z.object({ id: uuid, code: z.string() }),
  name: names,
  version: z.int(),
  created_at: timestamp,
  updated_at: timestamp,
});
/** A line of action of the strategy: BA is line A of component B. */
export const lineOfActionSchema = lineOfAction.check(z.meta({ id: "LineOfAction" }));
export type LineOfAction = z.infer<typeof lineOfActionSchema>;

/** One of the strategy's four components (A–D), with its lines of action. */
export const componentSchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: names,
    description: optionalNames,
    lines_of_action: z.array(z.omit(lineOfAction, { component: true })),
    version: z.int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .check(z.meta({ id: "StrategyComponent" }));
export type StrategyComponent = z.infer<typeof componentSchema>;

export const componentListSchema = listOf(componentSchema);
export const lineOfActionListSchema = listOf(lineOfActionSchema);
