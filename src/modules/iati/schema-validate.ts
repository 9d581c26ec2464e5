import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { memoryPages, validateXML } from "xmllint-wasm";
import { AppError } from "../../platform/errors.ts";
import { type IatiProblem, iatiProblem } from "./iati-activity.ts";

const mainSchema = {
  activities: "iati-activities-schema.xsd",
  organisations: "iati-organisations-schema.xsd",
} as const;

/**
 * Validates XML against the official IATI 2.03 schema with libxml2 (xmllint compiled to
 * WebAssembly; no network, no entities: the input has passed the streaming guard first).
 * Uses xmllint's streaming reader, so the tree is never built; errors carry their line.
 */
export async function validateAgainstSchema(options: {
  xml: Uint8Array | string;
  schemaDir: string;
  kind: keyof typeof mainSchema;
}): Promise<IatiProblem[]> {
  const files = readdirSync(options.schemaDir)
    .filter((name) => name.endsWith(".xsd"))
    .map((fileName) => ({
      fileName,
      contents: readFileSync(join(options.schemaDir, fileName), "utf8"),
    }));
  const schema = files.find((file) => file.fileName === mainSchema[options.kind]);
  if (!schema)
    throw new AppError(
      "unprocessable",
      `${mainSchema[options.kind]} is missing from ${options.schemaDir}.`,
    );
  const size = typeof options.xml === "string" ? options.xml.length * 3 : options.xml.byteLength;
  const pages = Math.min(memoryPages.max, Math.ceil((size * 2) / 65_536) + 512 * memoryPages.MiB);
  const result = await validateXML({
    xml: [{ fileName: "input.xml", contents: options.xml }],
    schema: [schema],
    preload: files.filter((file) => file !== schema),
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
