import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import type { Database } from "../../../platform/db/schema.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { generateWorkload, haveBench } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { importIatiFile } from "./import-iati-file.ts";
import { type FileStaging, stageInThread } from "./stage-file.ts";
import { keptStagingThreadId, stageInWorker } from "./stage-in-worker.ts";

const principal = systemPrincipal("test");
const dir = mkdtempSync(join(tmpdir(), "esca-iati-again-"));
const ways = [
  ["in this thread", false],
  ["in a worker thread", true],
] as const;

/** A file of `activities` activities of nine transactions each: several batches of rows. */
function manyRows(path: string, activities: number, generated = "2026-01-01T00:00:00Z") {
  writeFileSync(
    path,
    iatiFile(
      "XM-DAC-55",
      Array.from({ length: activities }, (_, i) => ({
        id: `XM-DAC-55-${i}`,
        transactions: Array.from({ length: 9 }, (_, t) => ({
          type: 3,
          date: "2012-02-01",
          amount: `${i}.${t}`,
        })),
      })),
      generated,
    ),
  );
  return path;
}

describe("cancelling a file's staging while an event is pending", () => {
  const setup = {
    rates: [],
    matcher: { reportingOrgRef: "XI-IATI-ESCA", initiatives: [], links: [] },
    today: "2026-11-29",
    publicationId: "0190aaaa-0000-7000-8000-000000000009",
  };
  let file: string;
  beforeAll(() => {
    file = manyRows(join(dir, "pending.xml"), 600);
  });
  const stagings: Array<[string, (path: string) => FileStaging]> = [
    ["in this thread", (path) => stageInThread({ path })],
    ["in a worker thread", (path) => stageInWorker({ path })],
    [
      "in a worker thread kept from the last file",
      (path) => {
        expect(keptStagingThreadId()).not.toBeNull();
        return stageInWorker({ path });
      },
    ],
  ];

  it.each(stagings)(
    "settles the pending event and ends the events (%s)",
    async (_, stage) => {
      for (const when of ["at once", "after the first event"] as const) {
        // Staged to its end first, so that a thread is kept for the last case.
        for await (const _event of stageInWorker({ path: file }).events(setup));
        const staging = stage(file);
        const events = staging.events(setup);
        if (when === "after the first event") await events.next();
        // Read at once or cut short: either way it settles (a cancelled wait rejects).
        const pending = events.next().then(
          () => "read",
          () => "cancelled",
        );
        await staging.cancel();
        expect(["read", "cancelled"]).toContain(await pending);
        await expect(events.return(undefined)).resolves.toEqual({ done: true, value: undefined });
        await expect(events.next()).resolves.toEqual({ done: true, value: undefined });
      }
    },
    30_000,
  );
});

describe("importing again the file that is already current", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  const importFile = (path: string, more: { parseInWorker?: boolean; dryRun?: boolean } = {}) =>
    importIatiFile({ db, path, principal, reportingOrgRef: "XI-IATI-ESCA", ...more });

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await setUpIatiWorld(db);
  });
  afterAll(async () => handle.close());

  it("answers unchanged every time, staged in this thread or in a worker", async () => {
    const small = manyRows(join(dir, "small.xml"), 600);
    expect((await importFile(small)).status).toBe("imported");
    for (let round = 0; round < 4; round++)
      for (const [way, parseInWorker] of ways) {
        const again = await importFile(small, { parseInWorker });
        expect(again, `round ${round}, ${way}`).toMatchObject({
          status: "unchanged",
          publisher: "XM-DAC-55",
          activities: 600,
          transactions: 5400,
        });
      }
  }, 120_000);

  const title = haveBench
    ? "answers unchanged every time for a file of 8 MB and more (staged in a worker by default)"
    : "answers unchanged for a file of 8 MB and more — skipped: ../shared/bench is absent";
  it.skipIf(!haveBench)(
    title,
    async () => {
      const large = join(dir, "large.xml");
      generateWorkload(9, large);
      expect(statSync(large).size).toBeGreaterThanOrEqual(8 * 1024 * 1024);
      const first = await importFile(large);
      expect(first.status).toBe("imported");
      for (let round = 0; round < 6; round++) {
        const again = await importFile(large);
        expect(again, `round ${round}`).toMatchObject({
          status: "unchanged",
          publisher: first.publisher,
          activities: first.activities,
        });
      }
    },
    300_000,
  );

  describe.each(ways)("every way an import ends settles its staging (%s)", (_, parseInWorker) => {
    // One more activity in the worker's files: each way has files of its own.
    const activities = parseInWorker ? 601 : 600;
    let current: string;
    beforeAll(async () => {
      current = manyRows(
        join(dir, `current-${parseInWorker}.xml`),
        activities,
        "2026-03-01T00:00:00Z",
      );
      expect((await importFile(current, { parseInWorker })).status).toBe("imported");
    });
    /** After each ending, the same file again still answers unchanged at once. */
    const stillUnchanged = async () =>
      expect((await importFile(current, { parseInWorker })).status).toBe("unchanged");

    it("a refused file (older than the current one)", async () => {
      const older = manyRows(
        join(dir, `older-${parseInWorker}.xml`),
        activities,
        "2025-01-01T00:00:00Z",
      );
      await expect(importFile(older, { parseInWorker })).rejects.toMatchObject({
        code: "validation_failed",
        message: expect.stringMatching(/only a newer version replaces it/),
      });
      await stillUnchanged();
    }, 60_000);

    it("a dry run", async () => {
      const summary = await importFile(current, { parseInWorker, dryRun: true });
      expect(summary).toMatchObject({ status: "dry_run", activities });
      await stillUnchanged();
    }, 60_000);

    it("a failure before the first event is read (the database fails)", async () => {
      const failing = db.withPlugin({
        transformQuery(args) {
          // The look-up of the file's hash among current publications.
          if (JSON.stringify(args.node).includes('"file_sha256"'))
            throw new Error("the database went away");
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      await expect(
        importIatiFile({
          db: failing,
          path: current,
          principal,
          reportingOrgRef: "XI-IATI-ESCA",
          parseInWorker,
        }),
      ).rejects.toThrow(/the database went away/);
      await stillUnchanged();
    }, 60_000);

    it("a failure while the next batch is staged ahead (abandoned after one batch)", async () => {
      const newer = manyRows(
        join(dir, `newer-${parseInWorker}.xml`),
        activities + 300,
        "2026-06-01T00:00:00Z",
      );
      let batches = 0;
      await expect(
        importIatiFile({
          db,
          path: newer,
          principal,
          reportingOrgRef: "XI-IATI-ESCA",
          parseInWorker,
          afterBatch: async () => {
            batches++;
            throw new Error("stopped after a batch");
          },
        }),
      ).rejects.toThrow(/stopped after a batch/);
      expect(batches).toBe(1);
      await stillUnchanged();
    }, 60_000);
  });
});
