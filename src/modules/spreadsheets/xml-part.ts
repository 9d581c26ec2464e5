import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { AppError } from "../../platform/errors.ts";
import { type WorkbookLimits, workbookTooLarge, workbookUnreadable } from "./workbook-limits.ts";
import { unpackEntry, type ZipEntry } from "./zip-directory.ts";

/** What a part's reader is told, as saxes reads it; attributes as written ("r:id"). */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

/**
 * Streams one XML part of the workbook through saxes while it is unpacked: memory holds a
 * chunk, never the part. A handler stops the reading by throwing (a limit passed), which
 * stops the unpacking too. A run of text longer than any cell can hold is refused before
 * saxes buffers it; a DOCTYPE (entities) is refused.
 */
export async function readXmlPart(options: {
  zip: Buffer;
  entry: ZipEntry;
  limits: WorkbookLimits;
  handlers: XmlHandlers;
}): Promise<void> {
  const { entry, handlers, limits } = options;
  const parser = new SaxesParser({ position: true });
  const part = entry.name;
  let failure: unknown = null;
  const guard = (action: () => void) => {
    if (failure) return;
    try {
      action();
    } catch (error) {
      failure = error;
    }
  };
  parser.on("opentag", (tag) =>
    guard(() => handlers.open(tag.name, tag.attributes as Record<string, string>)),
  );
  parser.on("text", (text) => guard(() => handlers.text(text)));
  parser.on("cdata", (text) => guard(() => handlers.text(text)));
  parser.on("closetag", (tag) => guard(() => handlers.close(tag.name)));
  parser.on("doctype", () => {
    failure = workbookUnreadable({
      reason: "workbook_part_corrupt",
      message: `the part ${part} has a DOCTYPE declaration, which workbooks never have`,
      values: { part },
    });
  });
  const decoder = new StringDecoder("utf8");
  let run = 0;
  const feed = (text: string) => {
    // The longest run of characters without "<" (text, or one tag), before saxes buffers it.
    let from = 0;
    for (let lt = text.indexOf("<"); ; lt = text.indexOf("<", from)) {
      run += (lt === -1 ? text.length : lt) - from;
      if (run > limits.maxTextRun)
        throw workbookTooLarge({
          reason: "workbook_text_too_long",
          message: `The workbook's part ${part}, line ${parser.line}: more than ${limits.maxTextRun} characters without markup; a cell holds at most 32,767.`,
          values: { part, line: parser.line, limit: limits.maxTextRun },
        });
      if (lt === -1) break;
      run = 0;
      from = lt + 1;
    }
    try {
      parser.write(text);
    } catch (error) {
      throw workbookUnreadable({
        reason: "workbook_part_corrupt",
        message: `the part ${part} is not well-formed XML (${(error as Error).message})`,
        values: { part },
      });
    }
    if (failure) throw failure;
  };
  for await (const chunk of unpackEntry(options.zip, entry)) feed(decoder.write(chunk));
  feed(decoder.end());
  try {
    parser.close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw workbookUnreadable({
      reason: "workbook_part_corrupt",
      message: `the part ${part} is not well-formed XML (${(error as Error).message})`,
      values: { part },
    });
  }
  if (failure) throw failure;
}
