import { z } from "zod";
import {
  listOf,
  paginationQuerySchema,
  sortSchema,
  timestampSchema,
  uuidSchema,
  versionInputSchema,
} from "../../contracts/common.ts";

const name = z.string().trim().min(1).max(300);
const description = z.string().trim().min(1).max(5000).nullable().optional();
const namesSchema = z.object({ es: z.string(), en: z.string() });

export const componentCodeSchema = z
  .string()
  .regex(/^[A-Z]$/, "must be one capital letter, e.g. A")
  .meta({ example: "B" });

/** A line's code is its component's letter and its own: BA is line A of component B. */
export const lineOfActionCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be two capital letters, the component's first, e.g. BA")
  .meta({ example: "BA" });

export const lineOfActionSchema = z
  .object({
    id: uuidSchema,
    code: z.string(),
    component: z.object({ id: uuidSchema, code: z.string() }),
    name: namesSchema,
    version: z.number().int(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "LineOfAction" });
export type LineOfAction = z.infer<typeof lineOfActionSchema>;

export const componentSchema = z
  .object({
    id: uuidSchema,
    code: z.string(),
    name: namesSchema,
    description: z.object({ es: z.string().nullable(), en: z.string().nullable() }),
    lines_of_action: z.array(lineOfActionSchema.omit({ component: true })),
    version: z.number().int(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "StrategyComponent" });
export type Component = z.infer<typeof componentSchema>;

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

export const componentListSchema = listOf(componentSchema);
export const lineOfActionListSchema = listOf(lineOfActionSchema);
export const strategyIdParams = z.object({ id: z.string().min(1).max(64) });
