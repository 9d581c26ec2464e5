import { openAsBlob } from "node:fs";
import { basename } from "node:path";
import type { ImportSummary, ValidationReport } from "../../modules/iati/index.ts";
import { AppError, type ErrorCode } from "../../platform/errors.ts";

/** What importing a file did; a dry run's validation report too (null otherwise). */
export interface ImportResult {
  summary: ImportSummary;
  validation: ValidationReport | null;
}

/**
 * When a server holds the embedded data folder, the file goes to it as an upload
 * (POST /api/iati/imports, multipart) and the command waits for the import job to end. The
 * server needs to know who imports: an API token with the iati:import scope (ESCA_API_TOKEN).
 * A dry run's job validates the file as well: its report comes back with the summary.
 */
export async function uploadThroughServer(
  url: string,
  path: string,
  dryRun: boolean,
  token: string,
): Promise<ImportResult> {
  const form = new FormData();
  form.append("file", await openAsBlob(path), basename(path));
  const response = await fetch(
    `${url}/api/iati/imports?wait=true${dryRun ? "&dry_run=true" : ""}`,
    {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const payload = (await response.json().catch(() => null)) as {
    summary?: ImportSummary | null;
    validation?: ValidationReport | null;
    error?: { code: ErrorCode; message: string } | null;
  } | null;
  if (!response.ok || !payload?.summary) {
    throw new AppError(
      payload?.error?.code ?? "internal",
      payload?.error?.message ?? `The server at ${url} answered ${response.status}.`,
    );
  }
  return { summary: payload.summary, validation: payload.validation ?? null };
}
