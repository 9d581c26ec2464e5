import { z } from "zod";
import { paginationQuerySchema, sortSchema, versionInputSchema } from "../../contracts/common.ts";

// The answers are shared with the web: src/contracts/strategy.ts.
export {
  componentListSchema,
  componentSchema,
  type LineOfAction,
  lineOfActionListSchema,
  lineOfActionSchema,
  type StrategyComponent as Component,
} from "../../contracts/strategy.ts";

const name = z.string().trim().min(1).max(300);
const description = z.string().trim().min(1).max(5000).nullable().optional();

export const componentCodeSchema = z
  .string()
  .regex(/^[A-Z]$/, "must be one capital letter, e.g. A")
  .meta({ example: "B" });

/** A line's code is its component's letter and its own: BA is line A of component B. */
export const lineOfActionCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be two capital letters, the component's first, e.g. BA")
  .meta({ example: "BA" });

export const createComponentSchema = z
  .object({
    code: componentCodeSchema,
    name: z.object({ es: name, en: name }).strict(),
    description: z.object({ es: description, en: description }).strict().optional(),
  })
  .strict();
export type CreateComponentInput = z.infer<typeof createComponentSchema>;

export const updateComponentSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
    description: z.object({ es: description, en: description }).strict().optional(),
  })
  .strict();
export type UpdateComponentInput = z.infer<typeof updateComponentSchema>;

export const createLineOfActionSchema = z
  .object({
    code: lineOfActionCodeSchema,
    component: z.string().min(1).max(64).meta({ description: "Component id or code, e.g. B" }),
    name: z.object({ es: name, en: name }).strict(),
  })
  .strict();
export type CreateLineOfActionInput = z.infer<typeof createLineOfActionSchema>;

/** A line keeps its code and component: project codes such as BA1 are built from them. */
export const updateLineOfActionSchema = z
  .object({
    version: versionInputSchema.optional(),
    name: z.object({ es: name, en: name }).partial().strict().optional(),
  })
  .strict();
export type UpdateLineOfActionInput = z.infer<typeof updateLineOfActionSchema>;

const strategySortFields = ["code", "name_en", "name_es"] as const;

export const listComponentsQuerySchema = paginationQuerySchema.extend({
  sort: sortSchema(strategySortFields).prefault("code"),
});
export type ListComponentsQuery = z.infer<typeof listComponentsQuerySchema>;

export const listLinesOfActionQuerySchema = paginationQuerySchema.extend({
  component: z.string().min(1).max(64).optional().meta({ description: "Component id or code" }),
  sort: sortSchema(strategySortFields).prefault("code"),
});
export type ListLinesOfActionQuery = z.infer<typeof listLinesOfActionQuerySchema>;

export const strategyIdParams = z.object({ id: z.string().min(1).max(64) });
