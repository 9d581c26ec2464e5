import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { memoryPages, validateXML, type XMLFileInfo } from "xmllint-wasm";
import { AppError } from "../../../platform/errors.ts";
import { type IatiProblem, iatiProblem } from "../read/iati-activity.ts";

const mainSchema = {
  activities: "iati-activities-schema.xsd",
  organisations: "iati-organisations-schema.xsd",
} as const;

/** One kind's schema files, read once for every document validated against them. */
export interface LoadedSchema {
  main: XMLFileInfo;
  others: XMLFileInfo[];
}

export function loadSchema(schemaDir: string, kind: keyof typeof mainSchema): LoadedSchema {
  const files = readdirSync(schemaDir)
    .filter((name) => name.endsWith(".xsd"))
    .map((fileName) => ({ fileName, contents: readFileSync(join(schemaDir, fileName), "utf8") }));
  const main = files.find((file) => file.fileName === mainSchema[kind]);
  if (!main)
    throw new AppError("unprocessable", `${mainSchema[kind]} is missing from ${schemaDir}.`);
  return { main, others: files.filter((file) => file !== main) };
}

/**
 * Validates XML against the official IATI 2.03 schema with libxml2 (xmllint compiled to
 * WebAssembly; no network, no entities: the input has passed the streaming guard first).
 * The whole document is handed over at once: files are validated in batches instead
 * (schema-batches.ts).
 */
export async function validateAgainstSchema(options: {
  xml: Uint8Array | string;
  schemaDir: string;
  kind: keyof typeof mainSchema;
}): Promise<IatiProblem[]> {
  return validateDocument(loadSchema(options.schemaDir, options.kind), options.xml);
}

/**
 * One xmllint run (a worker of its own) over one document, with xmllint's streaming reader,
 * so the tree is never built; errors carry the document's line.
 */
export async function validateDocument(
  schema: LoadedSchema,
  xml: Uint8Array | string,
): Promise<IatiProblem[]> {
  const size = typeof xml === "string" ? xml.length * 3 : xml.byteLength;
  const pages = Math.min(memoryPages.max, Math.ceil((size * 2) / 65_536) + 512 * memoryPages.MiB);
  const result = await validateXML({
    xml: [{ fileName: "input.xml", contents: xml }],
    schema: [schema.main],
    preload: schema.others,
    stream: true,
    maxMemoryPages: pages,
  });
  if (result.valid) return [];
  // libxml2 words its errors in English and no catalog can follow it: the web words only the
  // lead ("Schema error (line N):") in the reader's language and shows this text after it.
  const schemaProblem = (line: number, text: string) =>
    iatiProblem(line, "schema", "schema", { text }, text);
  const problems = result.errors.map((error) =>
    schemaProblem(
      error.loc?.lineNumber ?? 0,
      error.message.replace(/^Schemas validity error : /, ""),
    ),
  );
  if (problems.length > 0) return problems;
  const output = result.rawOutput.trim().slice(0, 500);
  return [
    output
      ? schemaProblem(0, output)
      : iatiProblem(0, "schema", "schema_validator_failed", {}, "the schema validator failed"),
  ];
}
