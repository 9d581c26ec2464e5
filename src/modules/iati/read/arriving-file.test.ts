import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileArrival, readArrivingFile } from "./arriving-file.ts";

const arrivingPath = () => join(mkdtempSync(join(tmpdir(), "esca-arriving-")), "upload.xml");

/** Reads the whole arriving file into a string, in the chunks it came in. */
async function readAll(path: string, arrival: FileArrival) {
  let text = "";
  for await (const { chunk } of readArrivingFile(path, arrival.state, { chunkBytes: 4 }))
    text += chunk.toString("utf8");
  return text;
}

describe("an arriving file", () => {
  it("is read as it grows, waiting for each write, and ends at its last byte once whole", async () => {
    const path = arrivingPath();
    writeFileSync(path, "");
    const arrival = new FileArrival();
    const reading = readAll(path, arrival);
    let written = 0;
    for (const part of ["<iati-", "activities>", "</iati-activities>"]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      appendFileSync(path, part);
      written += part.length;
      arrival.wrote(written);
    }
    // Bytes on disk the writer has not announced are not read.
    appendFileSync(path, "unannounced");
    arrival.complete();
    expect(await reading).toBe("<iati-activities></iati-activities>");
  });

  it("fails the reader waiting for more when the upload stops short", async () => {
    const path = arrivingPath();
    writeFileSync(path, "<iati-activities>");
    const arrival = new FileArrival();
    arrival.wrote(17);
    const reading = readAll(path, arrival);
    await new Promise((resolve) => setTimeout(resolve, 20));
    arrival.fail();
    await expect(reading).rejects.toThrow("the upload stopped before the file was whole");
  });
});
