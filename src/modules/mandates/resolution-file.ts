import { z } from "zod";
import { isoDateSchema } from "../../contracts/common.ts";
import { mandateAddressees } from "../../contracts/enum-values.ts";
import { AppError, type ErrorDetail } from "../../platform/errors.ts";
import { jsonValueLines, lineOfPath, lineOfSyntaxError } from "./json-lines.ts";

/*
 * A resolution as a file (docs/resolution.schema.json describes the same shape for people and
 * editors): what `esca import resolution FILE` reads and `esca export resolution SYMBOL`
 * writes, so next year's resolution is followed the same way as AG/RES. 2626.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max: number) => z.strictObject({ en: text(max), es: text(max) });
const addressee = z.enum(mandateAddressees);

const periodSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, "letters, digits, . _ - (up to 32)"),
  label: bilingual(200),
  starts_on: isoDateSchema,
  ends_on: isoDateSchema,
});

const paragraphSchema = z.strictObject({
  number: z.number().int().min(1).max(999),
  /** en: the official text; es: an unofficial translation. */
  text: bilingual(4000),
  addressees: z.array(addressee).min(1),
  reporting_body: addressee,
  due_session: bilingual(300),
  due_on: isoDateSchema,
});

export const resolutionFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    symbol: text(100),
    title: bilingual(500),
    adopted_on: isoDateSchema,
    session: bilingual(500),
    source: text(1000).nullable().optional(),
    reporting_periods: z.array(periodSchema).min(1).max(50),
    paragraphs: z.array(paragraphSchema).min(1).max(200),
  })
  .superRefine((file, context) => {
    const seenPeriods = new Set<string>();
    file.reporting_periods.forEach((period, index) => {
      if (seenPeriods.has(period.code))
        context.addIssue({
          code: "custom",
          path: ["reporting_periods", index, "code"],
          message: `the period ${period.code} is listed twice`,
        });
      seenPeriods.add(period.code);
      if (period.starts_on > period.ends_on)
        context.addIssue({
          code: "custom",
          path: ["reporting_periods", index, "ends_on"],
          message: "ends before it starts",
        });
    });
    const seenParagraphs = new Set<number>();
    file.paragraphs.forEach((paragraph, index) => {
      if (seenParagraphs.has(paragraph.number))
        context.addIssue({
          code: "custom",
          path: ["paragraphs", index, "number"],
          message: `paragraph ${paragraph.number} is listed twice`,
        });
      seenParagraphs.add(paragraph.number);
    });
  });
export type ResolutionFile = z.infer<typeof resolutionFileSchema>;

/**
 * Reads a resolution file's text, or refuses it with one detail per broken field: its JSON
 * path and the line it starts on ("paragraphs.2.addressees.0 (line 57): Invalid option…").
 */
export function parseResolutionFile(fileText: string): ResolutionFile {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    const line = lineOfSyntaxError(fileText, error);
    const message = `not valid JSON${line === undefined ? "" : ` (line ${line})`}`;
    throw new AppError("validation_failed", `The resolution file is ${message}.`, {
      details: [
        { path: "", message, ...(line === undefined ? {} : { rule: { code: "json", line } }) },
      ],
    });
  }
  const result = resolutionFileSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = jsonValueLines(fileText);
  const details: ErrorDetail[] = result.error.issues.map((issue) => {
    const path = issue.path.join(".");
    const line = lineOfPath(lines, path);
    return {
      path,
      message: issue.message,
      rule: { code: issue.code, ...(line === undefined ? {} : { line }) },
    };
  });
  const listed = details
    .map((detail) => `${detail.path || "(file)"}${lineSuffix(detail)}: ${detail.message}`)
    .join("; ");
  throw new AppError("validation_failed", `The resolution file is refused: ${listed}.`, {
    details,
  });
}

const lineSuffix = (detail: ErrorDetail) =>
  typeof detail.rule?.line === "number" ? ` (line ${detail.rule.line})` : "";

/**
 * Whether two resolution files say the same thing: the same fields and values, whatever the
 * order of keys, of periods (by code) and of paragraphs (by number), and without `$schema`.
 */
export function sameResolution(a: ResolutionFile, b: ResolutionFile): boolean {
  return canonical(a) === canonical(b);
}

function canonical(file: ResolutionFile): string {
  const { $schema: _schema, source, ...rest } = file;
  return stableJson({
    ...rest,
    source: source ?? null,
    reporting_periods: [...file.reporting_periods].sort((x, y) => x.code.localeCompare(y.code)),
    paragraphs: [...file.paragraphs].sort((x, y) => x.number - y.number),
  });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
