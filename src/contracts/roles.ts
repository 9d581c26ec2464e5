import { z } from "zod";

/** Who uses ESCA Hub (DESIGN.md "Who uses it"); the public needs no account. */
export const roles = ["focal_point", "partner", "secretariat", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
