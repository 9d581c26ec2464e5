import { z } from "zod";
import { uuidSchema } from "../../contracts/common.ts";
import { evidenceKinds, mandateStatuses } from "../../contracts/enum-values.ts";

export {
  type Mandate,
  type MandateDetail,
  mandateDetailSchema,
  mandateListSchema,
  paragraphRefListSchema,
  statusHistorySchema,
  type Trace,
  traceSchema,
} from "../../contracts/mandates.ts";

export const mandateIdParams = z.object({ id: uuidSchema });
export const statusParams = z.object({
  id: uuidSchema,
  period: z.string().min(1).max(32),
});
export const evidenceParams = z.object({ id: uuidSchema, evidenceId: uuidSchema });
export const initiativeLinkParams = z.object({ id: uuidSchema, initiativeId: uuidSchema });
export const initiativeParams = z.object({ initiativeId: uuidSchema });

export const listMandatesQuerySchema = z.object({
  resolution: z.string().min(1).max(100).optional().meta({ example: "AG/RES. 2626 (XLI-O/11)" }),
});
export const exportResolutionQuerySchema = z.object({
  symbol: z.string().min(1).max(100).meta({ example: "AG/RES. 2626 (XLI-O/11)" }),
});

export const setStatusSchema = z.object({
  status: z.enum(mandateStatuses),
  note: z.string().trim().max(2000).nullable().optional(),
  /** The version last read, to refuse a change made meanwhile by someone else. */
  version: z.number().int().min(1).optional(),
});
export type SetStatusInput = z.infer<typeof setStatusSchema>;

export const addEvidenceSchema = z.object({
  kind: z.enum(evidenceKinds),
  target_id: uuidSchema,
  period: z.string().min(1).max(32).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type AddEvidenceInput = z.infer<typeof addEvidenceSchema>;

export const createdIdSchema = z.object({ id: uuidSchema });
