import { z } from "zod";
import { roles } from "./enum-values.ts";

export { roles } from "./enum-values.ts";

/** Who uses ESCA Hub (DESIGN.md "Who uses it"); the public needs no account. */
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
