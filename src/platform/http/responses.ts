import { errorResponseSchema } from "../../contracts/common.ts";

/** The error shape every route documents, for the statuses routes can answer with. */
export const errorResponses = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
} as const;
