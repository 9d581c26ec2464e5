import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { databaseFreeOnce } from "../../../../test/support/cli.ts";
import { generateWorkload, haveBench, schemasDir } from "../iati.fixtures.ts";
import { type IatiStreamItem, readIatiActivities } from "../read/read-iati-stream.ts";
import { XmlGuard } from "../read/xml-guard.ts";
import { defaultXmlLimits } from "../read/xml-limits.ts";
import { SchemaBatches } from "./schema-batches.ts";
import { validateAgainstSchema } from "./schema-validate.ts";
import { validateIatiFile } from "./validate-iati-file.ts";

const dir = mkdtempSync(join(tmpdir(), "esca-schema-batches-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A schema-valid activity on one line; `extra` goes where <participating-org> may follow. */
const activity = (n: number, extra = "", close = "</iati-activity>") =>
  `<iati-activity><iati-identifier>XM-1-${n}</iati-identifier><reporting-org ref="XM-1" type="10"><narrative>Dónde 中文 😀</narrative></reporting-org><title><narrative>Título ${n}</narrative></title><description><narrative>D</narrative></description>${extra}<participating-org role="1" ref="XM-1"/><activity-status code="2"/><activity-date iso-date="2012-01-01" type="2"/>${close}`;

describe("the guard's split points", () => {
  it("tells where the root's start tag ends and where activities may be split", () => {
    const xml = `<iati-activities version="2.03"\n xmlns:x="urn:x">\n${activity(1)}\n<!-- c -->${activity(2)}<x:f/>${activity(3)}</iati-activities>`;
    const guard = new XmlGuard(defaultXmlLimits);
    const items: IatiStreamItem[] = [];
    for (let i = 0; i < xml.length; i += 7) {
      guard.feed(xml.slice(i, i + 7));
      items.push(...guard.take());
    }
    guard.end();
    items.push(...guard.take());
    const endOf = (n: number) => xml.indexOf(activity(n)) + activity(n).length;
    expect(
      items.map((item) => (item.kind === "header" ? item.rootTagEnd : item.splitBefore)),
    ).toEqual([
      xml.indexOf("\n<iati-activity"),
      null, // the first activity
      endOf(1), // only a comment between
      null, // <x:f/> between
    ]);
  });
});

/** The file validated in batches cut before every activity that can be cut, read in small chunks. */
async function inBatches(path: string) {
  const batches = new SchemaBatches(schemasDir, 1);
  for await (const item of readIatiActivities(path, { onText: batches.append, chunkBytes: 7 }))
    await batches.take(item);
  return { problems: await batches.finish(), batchCount: batches.batchCount };
}

const files: Record<string, { xml: string; batches: number }> = {
  "a multi-line root tag with bad attributes, a prolog and CRLF line ends": {
    xml: `<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- prolog -->\r\n<?pi x?>\r\n<iati-activities version="2.03"\r\n  generated-datetime="bogus" xmlns:x="urn:x"\r\n  x:note="kept">\r\n${activity(1)}\r\n${activity(2, "<oops/>")}\r\n<!-- between -->\r\n${activity(3).replace("<iati-activity>", '<iati-activity x:tag="1">')}\r\n${activity(4, "<bad/>")}\r\n</iati-activities>\r\n`,
    batches: 4,
  },
  "activities on one line, with a self-closing one, CDATA and comments holding end tags": {
    xml: `<iati-activities version="2.03">${activity(1)}<iati-activity/>${activity(2, "<![CDATA[</iati-activity>]]>")}<!-- </iati-activity> -->${activity(3, "", "</iati-activity >")}${activity(4, "<oops/>")}</iati-activities>`,
    batches: 5,
  },
  "text and other elements among the activities": {
    xml: `<iati-activities version="2.03" xmlns:x="urn:x">\n${activity(1)}\nhello\n${activity(2)}\n<x:f/>\n${activity(3, "<oops/>")}\n${activity(4)}\n<x:g>${activity(9)}</x:g>\n${activity(5, "<oops/>")}\nbye\n</iati-activities>\n`,
    batches: 3,
  },
  "a byte order mark and lone carriage returns": {
    xml: `\uFEFF<iati-activities version="2.03">\r${activity(1)}\r${activity(2, "<oops/>")}\r</iati-activities>\r`,
    batches: 2,
  },
  "no activity at all": {
    xml: `<?xml version="1.0"?>\n<iati-activities version="2.03">\n<!-- none -->\n</iati-activities>\n`,
    batches: 1,
  },
};

describe("schema validation in batches", () => {
  it.each(Object.keys(files))(
    "reports what the whole file gives, at the same lines: %s",
    async (name) => {
      const file = files[name] ?? { xml: "", batches: 0 };
      const path = join(dir, `${name.replace(/\W+/g, "-")}.xml`);
      writeFileSync(path, file.xml);
      const whole = await validateAgainstSchema({
        xml: new Uint8Array(readFileSync(path)),
        schemaDir: schemasDir,
        kind: "activities",
      });
      const batched = await inBatches(path);
      expect(batched.batchCount).toBe(file.batches);
      expect(batched.problems).toEqual(whole);
      expect(whole.length).toBeGreaterThan(0);
    },
    60_000,
  );
});

const fixture = fileURLToPath(new URL("./schema-memory.fixture.ts", import.meta.url));
interface MemoryRun {
  activityCount: number;
  problems: Array<{ line: number; message: string }>;
  peakRssMb: number;
}

/** Validates in a child process whose small heap makes V8 collect as it goes, not at its leisure. */
function validateInChild(path: string): MemoryRun {
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=64", "--import", "tsx", fixture, path, schemasDir],
    { encoding: "utf8", timeout: 170_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as MemoryRun;
}

const largeTitle = haveBench
  ? "schema validation of large files"
  : "schema validation of large files — skipped: ../shared/bench is absent";
describe.skipIf(!haveBench || databaseFreeOnce("validating an 80 MB file"))(largeTitle, () => {
  it("names the line of errors deep in an 80 MB file, in the memory a 40 MB file takes", () => {
    const medium = join(dir, "40mb.xml");
    const large = join(dir, "80mb.xml");
    generateWorkload(40, medium);
    generateWorkload(80, large);
    // Two errors in different batches, the second past line 65535 (libxml2 stores lines in
    // 16 bits unless told otherwise).
    const lines = readFileSync(large, "utf8").split("\n");
    const statuses = lines.flatMap((text, i) => (text.includes("<activity-status ") ? [i] : []));
    const targets = [statuses[Math.floor(statuses.length / 4)] ?? 0, statuses.at(-50) ?? 0];
    for (const i of targets)
      lines[i] = (lines[i] ?? "").replace("<activity-status ", '<activity-status bogus="1" ');
    writeFileSync(large, lines.join("\n"));
    const broken = targets.map((i) => i + 1);

    const mediumRun = validateInChild(medium);
    const largeRun = validateInChild(large);
    const bogus =
      "Element 'activity-status', attribute 'bogus': The attribute 'bogus' is not allowed.";
    expect(mediumRun.problems).toEqual([]);
    expect(largeRun.problems).toEqual(broken.map((line) => ({ line, message: bogus })));
    expect(broken[1]).toBeGreaterThan(65_535);
    expect(largeRun.activityCount).toBeGreaterThan(1.8 * mediumRun.activityCount);
    // Memory reaches its level within the first tens of megabytes and stays there: twice the
    // file took 3 MB more on Node 20 and 14 MB more on Node 24 (whose level is higher: about
    // 330 MB against 230 MB). The whole file in one xmllint run takes about 3.5 MB more per MB.
    expect(largeRun.peakRssMb).toBeLessThan(mediumRun.peakRssMb + 50);
  }, 180_000);

  it("refuses a file truncated after its first batch while that batch is being validated", async () => {
    const path = join(dir, "truncated.xml");
    generateWorkload(10, path);
    const xml = readFileSync(path);
    writeFileSync(path, xml.subarray(0, xml.length - 200));
    await expect(validateIatiFile({ path, schemaDir: schemasDir })).rejects.toThrow(
      /the file ends inside <\w[\w-]*> \(opened at line \d+\): it is truncated/,
    );
  }, 60_000);
});
