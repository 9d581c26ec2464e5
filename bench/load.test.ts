import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The load test script, small: 10 clients for 3 s on the embedded database (or on the
// PostgreSQL server of ESCA_TEST_DATABASE_URL, in a scratch database the script drops).
const script = fileURLToPath(new URL("./load.mjs", import.meta.url));
const serverUrl = process.env.ESCA_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), "esca-load-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => resolve({ code, output }));
  });
}

interface Kind {
  kind: string;
  requests: number;
  statuses: Record<string, number>;
  p50_ms: number;
  p99_ms: number;
  timeouts: number;
  unexpected: number;
}

describe(`bench/load.mjs on ${serverUrl ? "PostgreSQL" : "PGlite"}`, () => {
  it("runs clients of every role, refuses what it must, and leaves the ledger and audit whole", async () => {
    const file = join(dir, "load.json");
    const { code, output } = await run([
      "--clients",
      "10",
      "--seconds",
      "3",
      "--hard-stop",
      "400",
      "--json",
      file,
      ...(serverUrl ? ["--url", serverUrl] : []),
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain("load: all checks passed");
    const result = JSON.parse(readFileSync(file, "utf8"));

    // The bench contract's shape.
    expect(result.script).toBe("load");
    expect(result.title).toMatch(/^Load: 10 clients for 3 s/);
    expect(Array.isArray(result.notes)).toBe(true);
    expect(result.figures.length).toBeGreaterThan(0);
    for (const figure of result.figures) {
      expect(Object.keys(figure).sort()).toEqual(
        ["baseline", "goal", "met", "name", "ratio", "unit", "value"].sort(),
      );
      expect(typeof figure.value).toBe("number");
    }
    const named = (name: string) => result.figures.find((f: { name: string }) => f.name === name);
    expect(named("5xx responses")).toMatchObject({ value: 0, met: true });
    expect(named("audit chain rows verified").met).toBe(true);
    expect(named("worst public read p99").baseline.name).toMatch(/health/);

    // The summary: no 5xx, nothing unexpected, the invariant and the chain held.
    expect(result.ok).toBe(true);
    expect(result.server_5xx).toBe(0);
    expect(result.unexpected).toBe(0);
    expect(result.invariant).toEqual({
      held: true,
      breaching_entries: 0,
      pairs_over_without_override: 0,
      commitments_over_pledge: 0,
      disbursements_over_commitment: 0,
    });
    expect(result.audit.verified).toBe(true);
    expect(result.audit.rows).toBeGreaterThan(1000);
    expect(result.writes.acknowledged).toBeGreaterThan(0);
    expect(result.writes.present).toBe(result.writes.acknowledged);
    expect(result.writes.refused_attempts).toBeGreaterThan(0);
    expect(result.writes.refused_written).toBe(0);

    // Every role's writes were answered, the refusals with 403 and 409 only.
    const kinds = new Map<string, Kind>(result.kinds.map((k: Kind) => [k.kind, k]));
    const statuses = (kind: string) => kinds.get(kind)?.statuses;
    expect(statuses("partner POST pledge")).toHaveProperty("201");
    expect(statuses("partner POST commitment")).toHaveProperty("201");
    expect(statuses("partner POST disbursement")).toHaveProperty("201");
    expect(
      Object.keys(statuses("partner POST pledge for another organization (403)") ?? {}),
    ).toEqual(["403"]);
    expect(Object.keys(statuses("partner POST disbursement over commitment (409)") ?? {})).toEqual([
      "409",
    ]);
    expect(statuses("secretariat POST pledge (partner's behalf)")).toHaveProperty("201");
    expect([...kinds.keys()].some((kind) => kind.startsWith("public GET"))).toBe(true);
    for (const kind of kinds.values()) {
      expect(kind.p99_ms).toBeGreaterThanOrEqual(kind.p50_ms);
      expect(Object.keys(kind.statuses).every((status) => Number(status) < 500)).toBe(true);
    }
  }, 420_000);

  it("refuses a database server other than 127.0.0.1 before doing anything", async () => {
    const { code, output } = await run(["--url", "postgres://postgres@192.0.2.1:5432/postgres"]);
    expect(code).toBe(2);
    expect(output).toContain('"192.0.2.1" is not 127.0.0.1');
  }, 60_000);
});
