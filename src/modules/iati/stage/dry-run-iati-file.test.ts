import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli } from "../../../../test/support/cli.ts";
import { createTestDatabase } from "../../../../test/support/database.ts";
import type { DatabaseHandle } from "../../../platform/db/connect.ts";
import { systemPrincipal } from "../../accounts/index.ts";
import { importFootprint, schemasDir as schemaDir } from "../iati.fixtures.ts";
import { iatiFile, setUpIatiDataDir, setUpIatiWorld } from "../iati-xml.fixtures.ts";
import { validateIatiFile } from "../validate/validate-iati-file.ts";
import { type DryRunPhase, dryRunIatiFile } from "./dry-run-iati-file.ts";
import { type ImportSummary, importIatiFile } from "./import-iati-file.ts";

const principal = systemPrincipal("test");
const reportingOrgRef = "XI-IATI-ESCA";
const dir = mkdtempSync(join(tmpdir(), "esca-iati-dry-run-"));
const path = join(dir, "publication.xml");
// A linked activity, and one published twice: problems in the validation and the summary.
writeFileSync(
  path,
  iatiFile("XM-DAC-71", [
    {
      id: "XM-DAC-71-1",
      related: "XI-IATI-ESCA-GT1",
      transactions: [
        { type: 2, date: "2012-02-01", amount: "800000" },
        { type: 3, date: "2012-05-01", amount: "200000", currency: "EUR" },
      ],
    },
    { id: "XM-DAC-71-2", transactions: [{ type: 2, date: "2012-02-01", amount: "7" }] },
    { id: "XM-DAC-71-2", transactions: [{ type: 2, date: "2012-03-01", amount: "9" }] },
  ]),
);
const hostile = join(dir, "hostile.xml");
writeFileSync(
  hostile,
  '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "a">]>\n<iati-activities version="2.03"/>\n',
);

describe("a dry run of an IATI file", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await setUpIatiWorld(handle.db);
  });
  afterAll(async () => handle.close());

  it("validates, then imports and rolls back: the same reports as each alone, nothing written", async () => {
    const before = await importFootprint(handle.db);
    const phases: DryRunPhase[] = [];
    const progress: Array<[DryRunPhase, number]> = [];
    const report = await dryRunIatiFile({
      db: handle.db,
      path,
      principal,
      reportingOrgRef,
      schemaDir,
      onPhase: (phase) => phases.push(phase),
      onProgress: (phase, bytesRead) => progress.push([phase, bytesRead]),
    });
    expect(await importFootprint(handle.db)).toEqual(before);
    expect(phases).toEqual(["validating", "importing"]);
    const size = statSync(path).size;
    // Each pass reports its own reading, to the file's end: first the validation's, then the import's.
    const lastOf = (phase: DryRunPhase) => progress.findLast(([p]) => p === phase)?.[1];
    expect([lastOf("validating"), lastOf("importing")]).toEqual([size, size]);
    const firstImporting = progress.findIndex(([phase]) => phase === "importing");
    expect(progress.slice(firstImporting).every(([phase]) => phase === "importing")).toBe(true);
    expect(report.validation).toEqual(await validateIatiFile({ path, schemaDir }));
    expect(report.validation.problemCount).toBeGreaterThan(0);
    expect(report.summary).toEqual(
      await importIatiFile({ db: handle.db, path, principal, reportingOrgRef, dryRun: true }),
    );
    expect(report.summary).toMatchObject({
      status: "dry_run",
      publisher: "XM-DAC-71",
      activities: 2,
      skipped: 1,
      linked: 1,
      flowsRecorded: 2,
      sha256: createHash("sha256").update(readFileSync(path)).digest("hex"),
    });
  });

  it("takes the hash the validation read the file for, instead of reading it again", async () => {
    const summary = await importIatiFile({
      db: handle.db,
      path,
      principal,
      reportingOrgRef,
      dryRun: true,
      sha256: "f".repeat(64),
    });
    expect(summary).toMatchObject({ status: "dry_run", sha256: "f".repeat(64), activities: 2 });
  });

  it("refuses a hostile file in its first pass, before the import, writing nothing", async () => {
    const before = await importFootprint(handle.db);
    const phases: DryRunPhase[] = [];
    await expect(
      dryRunIatiFile({
        db: handle.db,
        path: hostile,
        principal,
        reportingOrgRef,
        schemaDir,
        onPhase: (phase) => phases.push(phase),
      }),
    ).rejects.toThrow(/^line 2: a DOCTYPE declaration/);
    expect(phases).toEqual(["validating"]);
    expect(await importFootprint(handle.db)).toEqual(before);
  });
});

describe("`esca import iati --dry-run`", () => {
  const dataDir = join(dir, "data");
  const env = cliEnv(dataDir);
  beforeAll(() => setUpIatiDataDir(dataDir), 60_000);

  it("prints the summary with its validation, and writes nothing", async () => {
    const dryRun = await runCli(["import", "iati", "--dry-run", "--json", path], env, 120_000);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const [summary] = JSON.parse(dryRun.stdout) as Array<ImportSummary & { validation?: unknown }>;
    expect(summary).toMatchObject({ status: "dry_run", activities: 2, skipped: 1, linked: 1 });
    expect(summary?.validation).toEqual(await validateIatiFile({ path, schemaDir }));
    // The dry run left nothing: the file is imported now, not "unchanged".
    const imported = await runCli(["import", "iati", "--json", path], env, 120_000);
    expect(imported.code, imported.stderr).toBe(0);
    const [done] = JSON.parse(imported.stdout) as Array<ImportSummary & { validation?: unknown }>;
    expect(done).toMatchObject({ status: "imported", sha256: summary?.sha256 });
    expect(done).not.toHaveProperty("validation");
  }, 300_000);
});
