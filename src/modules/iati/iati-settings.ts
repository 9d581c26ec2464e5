import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";

const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** The official IATI 2.03 schemas shipped with the project (vendor/iati/README.md). */
export const defaultSchemaDir = resolve(projectRoot, "vendor/iati/2.03");

const envSchema = z.object({
  ESCA_IATI_SCHEMA_DIR: z.string().min(1).optional(),
  ESCA_IATI_REPORTING_ORG: z
    .string()
    .regex(/^[A-Za-z0-9][\w.:-]{2,99}$/, "must be an IATI organisation identifier")
    .default("XI-IATI-ESCA"),
  ESCA_IATI_REPORTING_ORG_NAME: z.string().min(1).max(300).default("ESCA Hub (SICA / OAS)"),
  ESCA_IATI_REPORTING_ORG_TYPE: z
    .string()
    .regex(/^\d{2}$/)
    .default("40"),
  ESCA_UPLOAD_MAX_MB: z.coerce.number().positive().max(10_240).default(200),
});

export interface IatiSettings {
  /** Folder holding iati-activities-schema.xsd and the files it includes. */
  schemaDir: string;
  reportingOrg: { ref: string; name: string; type: string };
  uploadMaxBytes: number;
}

export function loadIatiSettings(env: NodeJS.ProcessEnv = process.env): IatiSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "validation_failed",
      `Environment variable ${String(issue?.path[0])}: ${issue?.message}`,
    );
  }
  const e = parsed.data;
  return {
    schemaDir: resolve(e.ESCA_IATI_SCHEMA_DIR ?? defaultSchemaDir),
    reportingOrg: {
      ref: e.ESCA_IATI_REPORTING_ORG,
      name: e.ESCA_IATI_REPORTING_ORG_NAME,
      type: e.ESCA_IATI_REPORTING_ORG_TYPE,
    },
    uploadMaxBytes: Math.round(e.ESCA_UPLOAD_MAX_MB * 1024 * 1024),
  };
}

/** The schema folder, or a clear error naming the variable that sets it. */
export function requireSchemaDir(settings: IatiSettings): string {
  if (!existsSync(resolve(settings.schemaDir, "iati-activities-schema.xsd"))) {
    throw new AppError(
      "unprocessable",
      `No IATI schemas in ${settings.schemaDir} (iati-activities-schema.xsd); set ESCA_IATI_SCHEMA_DIR to the folder of the official IATI 2.03 schemas.`,
    );
  }
  return settings.schemaDir;
}

/** The schema folder when it holds the schemas (dry runs validate against it), else null. */
export function optionalSchemaDir(settings: IatiSettings): string | null {
  return existsSync(resolve(settings.schemaDir, "iati-activities-schema.xsd"))
    ? settings.schemaDir
    : null;
}
