import { z } from "zod";
import { csvListSchema, paginationQuerySchema, sortSchema } from "../../contracts/common.ts";
import { initiativeFields } from "../../contracts/enum-values.ts";
import { initiativeStatusSchema, memberStateSchema } from "../../contracts/enums.ts";

/** The fields of an initiative that can be marked illustrative on their own. */
export const initiativeFieldSchema = z.enum(initiativeFields);
export type InitiativeField = z.infer<typeof initiativeFieldSchema>;

// The answers are shared with the web: src/contracts/initiatives.ts.
export {
  type Initiative,
  type InitiativeFunding,
  type InitiativeListItem,
  initiativeListSchema,
  initiativeSchema,
  type Transition,
  transitionHistorySchema,
  transitionResultSchema,
  transitionSchema,
} from "../../contracts/initiatives.ts";
export { initiativeFields };

/** The initiative's own columns a list can be sorted by. */
export const columnSortFields = [
  "code",
  "title_en",
  "title_es",
  "budget_usd",
  "start_date",
  "status",
  "updated_at",
] as const;
export type ColumnSortField = (typeof columnSortFields)[number];
/** The funding roll-up's figures a list can be sorted by (summarizeFunding, per initiative). */
export const fundingSortFields = ["committed", "disbursed", "gap"] as const;
export type FundingSortField = (typeof fundingSortFields)[number];
export const initiativeSortFields = [...columnSortFields, ...fundingSortFields] as const;

export const listInitiativesQuerySchema = paginationQuerySchema.extend({
  component: csvListSchema(z.string().trim().min(1).max(64))
    .optional()
    .meta({ description: "Component ids or codes, e.g. A,B" }),
  country: csvListSchema(memberStateSchema)
    .optional()
    .meta({ description: "Lead or participating member states, e.g. GT,HN" }),
  status: csvListSchema(initiativeStatusSchema).optional(),
  partner: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "Initiatives with a support flow from this partner (id or code)" }),
  illustrative: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortSchema(initiativeSortFields)
    .prefault("code")
    .meta({
      description: `The order: one of ${initiativeSortFields.join(", ")}; a leading - sorts descending (-committed: most committed first). committed, disbursed and gap are the funding roll-up's figures per initiative; initiatives without one come last.`,
      example: "-committed",
    }),
});
export type ListInitiativesQuery = z.infer<typeof listInitiativesQuerySchema>;

export const initiativeIdParams = z.object({ id: z.string().min(1).max(64) });
