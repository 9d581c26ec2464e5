import { z } from "zod";
import { isoDateSchema, paginationQuerySchema, uuidSchema } from "../../contracts/common.ts";
import { supportRequestStatusSchema } from "../../contracts/enums.ts";
import { supportRequestStepActions } from "../../contracts/support-requests.ts";

// The answers are shared with the web: src/contracts/support-requests.ts.
export {
  type SupportRequest,
  type SupportRequestDetail,
  type SupportRequestStepAction,
  supportRequestDetailSchema,
  supportRequestListSchema,
} from "../../contracts/support-requests.ts";

/** The resolution whose paragraphs ¶7 (the General Secretariat) and ¶8 (the bodies) ground a request. */
export const DEFAULT_RESOLUTION = "AG/RES. 2626 (XLI-O/11)";

const text = z.string().trim().min(1).max(2000);

export const createSupportRequestSchema = z
  .object({
    initiative: z.string().trim().min(1).max(64),
    body: z.string().trim().min(1).max(64),
    what: text,
    why: text,
    needed_by: isoDateSchema.nullable().optional(),
    resolution_symbol: z.string().trim().min(1).max(64).prefault(DEFAULT_RESOLUTION),
    paragraph: z.number().int().min(1).max(999),
  })
  .strict();
export type CreateSupportRequestInput = z.infer<typeof createSupportRequestSchema>;

export const supportRequestStepInputSchema = z
  .object({
    action: z.enum(supportRequestStepActions),
    note: z.string().trim().min(1).max(4000).nullable().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    // A refusal says why; a progress report is its note.
    if ((value.action === "decline" || value.action === "progress") && !value.note)
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message:
          value.action === "decline" ? "is required to decline: give the reason" : "is required",
        params: { rule: "required" },
      });
  });
export type SupportRequestStepInput = z.infer<typeof supportRequestStepInputSchema>;

export const linkRequestFlowSchema = z.object({ flow_id: uuidSchema }).strict();

export const listSupportRequestsQuerySchema = paginationQuerySchema.extend({
  status: supportRequestStatusSchema.optional(),
  body: z.string().trim().min(1).max(64).optional(),
  initiative: z.string().trim().min(1).max(64).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be a two-letter country code")
    .optional(),
  /** The paragraph a request answers: a resolution's symbol and the paragraph's number. */
  resolution: z.string().trim().min(1).max(64).optional(),
  paragraph: z.coerce.number().int().min(1).max(999).optional(),
});
export type ListSupportRequestsQuery = z.infer<typeof listSupportRequestsQuerySchema>;

export const supportRequestIdParams = z.object({ id: uuidSchema });
