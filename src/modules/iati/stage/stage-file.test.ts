import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iatiFile } from "../iati-xml.fixtures.ts";
import { batchLimit, stageInThread } from "./stage-file.ts";

const lines = (bytes: Uint8Array) => bytes.reduce((n, byte) => n + (byte === 10 ? 1 : 0), 0);

describe("the size of staged batches", () => {
  it("doubles from the first batch up to the largest", () => {
    const at = (previous: number) =>
      batchLimit({ previous, rowsSoFar: 1_000, bytesRead: 1_000, totalBytes: 1_000_000 });
    expect([2_000, 4_000, 8_000, 16_000].map(at)).toEqual([4_000, 8_000, 16_000, 20_000]);
  });

  it("takes at most half of the rows still expected as the file ends, never less than the first", () => {
    // 10 rows per kilobyte so far; 30 kB left → 300 rows expected.
    const near = { previous: 20_000, rowsSoFar: 9_700, bytesRead: 970_000, totalBytes: 1_000_000 };
    expect(batchLimit(near)).toBe(2_000);
    // 1,000 kB left → 10,000 rows expected, half of them next.
    expect(batchLimit({ ...near, bytesRead: 1_000_000, totalBytes: 2_000_000 })).toBe(4_850);
    expect(batchLimit({ ...near, totalBytes: 970_000 })).toBe(20_000);
  });

  it("stages a file in batches that grow, then shrink towards its end, with every row once", async () => {
    const activities = Array.from({ length: 4_000 }, (_, i) => ({
      id: `XM-DAC-46012-B-${i}`,
      transactions: Array.from({ length: 9 }, (_, t) => ({
        type: 3,
        date: "2012-02-01",
        amount: `${i}.${t}`,
      })),
    }));
    const path = join(mkdtempSync(join(tmpdir(), "esca-stage-batches-")), "batches.xml");
    writeFileSync(path, iatiFile("XM-DAC-46012", activities));
    const sizes: number[] = [];
    const events = stageInThread({ path }).events({
      rates: [],
      matcher: { reportingOrgRef: "XI-IATI-ESCA", initiatives: [], links: [] },
      today: "2026-11-29",
      publicationId: "0190aaaa-0000-7000-8000-000000000002",
    });
    for await (const event of events)
      if (event.kind === "rows")
        sizes.push(
          lines(event.batch.activities) +
            lines(event.batch.transactions) +
            lines(event.batch.budgets),
        );
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(40_000);
    const largest = sizes.indexOf(Math.max(...sizes));
    expect(sizes[0]).toBe(2_000);
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(sizes.length - 2);
    // After the largest, each batch is at most the one before; the last is small.
    for (let i = largest + 1; i < sizes.length; i++)
      expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1] ?? 0);
    expect(sizes.at(-1)).toBeLessThanOrEqual(2_000);
  });
});
