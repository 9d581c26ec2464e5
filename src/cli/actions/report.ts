import { writeFileSync } from "node:fs";
import { z } from "zod";
import { reportFormats, reportLanguages } from "../../contracts/reports.ts";
import {
  asOfSchema,
  generateReport,
  type ReportFormat,
  type ReportLanguage,
} from "../../modules/reports/index.ts";
import { loadConfig } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { systemPrincipal } from "../../platform/principal.ts";
import { type ServerClient, withDatabaseOrServer } from "../through-server.ts";

const optionsSchema = z.object({
  lang: z.enum(reportLanguages, {
    error: () => `--lang: must be one of ${reportLanguages.join(", ")}`,
  }),
  format: z.enum(reportFormats, {
    error: () => `--format: must be one of ${reportFormats.join(", ")}`,
  }),
  asOf: asOfSchema.optional(),
  out: z.string().min(1).optional(),
});

interface Issued {
  symbol: string;
  as_of: string;
  sha256: string;
  size_bytes: number;
  bytes: Buffer;
  stored: boolean;
}

/**
 * `esca report`: the Permanent Council's report to the General Assembly, issued and stored
 * as a snapshot, written to --out (default: a file named after its symbol and language).
 * Prints the symbol, data-as-of time and SHA-256 of the bytes.
 */
export async function issueReport(raw: {
  lang: string;
  format: string;
  asOf?: string;
  out?: string;
}): Promise<void> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0] === "asOf" ? "--as-of: " : "";
    throw new AppError("validation_failed", `${flag}${issue?.message ?? "invalid options"}`);
  }
  const { lang, format, asOf, out } = parsed.data;
  const issued = await withDatabaseOrServer<Issued>(loadConfig(), "report", {
    local: async (db) => {
      const result = await generateReport({
        db,
        language: lang,
        format,
        ...(asOf && { asOf }),
        principal: systemPrincipal("esca-cli"),
      });
      return {
        symbol: result.report.symbol,
        as_of: new Date(result.report.as_of).toISOString(),
        sha256: result.report.sha256,
        size_bytes: result.report.size_bytes,
        bytes: result.bytes,
        stored: result.stored,
      };
    },
    remote: (client) => issueThroughServer(client, lang, format, asOf),
  });
  const file =
    out ??
    `${issued.symbol.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${lang}.${format}`;
  writeFileSync(file, issued.bytes);
  process.stdout.write(
    `${issued.symbol} (${lang}, ${format}) data as of ${issued.as_of}\n` +
      `sha256 ${issued.sha256}  ${issued.size_bytes} bytes → ${file}` +
      `${issued.stored ? "" : " (the same bytes were issued before)"}\n`,
  );
}

/** Through the server holding the data folder: a job with an API token, polled, then the file. */
async function issueThroughServer(
  client: ServerClient,
  language: ReportLanguage,
  format: ReportFormat,
  asOf: Date | undefined,
): Promise<Issued> {
  const token = process.env.ESCA_API_TOKEN;
  if (!token) {
    throw new AppError(
      "data_dir_in_use",
      `The server at ${client.url} holds the data folder: stop it, or set ESCA_API_TOKEN to a secretariat API token to issue the report through it.`,
    );
  }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${client.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as T & { error?: { message: string } };
    if (!response.ok)
      throw new AppError("validation_failed", payload.error?.message ?? response.statusText);
    return payload;
  };
  type Job = {
    id: string;
    stage: string;
    error: string | null;
    report: (Omit<Issued, "bytes" | "stored"> & { download_url: string }) | null;
  };
  let job = await call<Job>("POST", "/api/report-jobs", {
    language,
    format,
    ...(asOf && { as_of: asOf.toISOString() }),
  });
  while (job.stage !== "done" && job.stage !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = await call<Job>("GET", `/api/report-jobs/${job.id}`);
  }
  if (!job.report)
    throw new AppError("internal", `the report job failed: ${job.error ?? "no reason given"}`);
  const file = await fetch(`${client.url}${job.report.download_url}`);
  return { ...job.report, bytes: Buffer.from(await file.arrayBuffer()), stored: true };
}
