import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript without declarations, shared by every bench script.
import { benchArgs, figure, goalMet } from "./lib/report.mjs";

const runner = fileURLToPath(new URL("run.mjs", import.meta.url));
const report = pathToFileURL(fileURLToPath(new URL("lib/report.mjs", import.meta.url))).href;

/** Four tiny benchmarks: one with figures, one that writes none, one skipped, one broken. */
const fixtures: Record<string, string> = {
  "good.mjs": `import { benchArgs, figure, finish } from ${JSON.stringify(report)};
const args = benchArgs(process.argv.slice(2), { quick: false });
finish(args, { script: "good", title: "A good benchmark", notes: ["quick: " + args.quick],
  figures: [
    figure({ name: "work", value: args.quick ? 30 : 300, unit: "ms",
      baseline: { name: "bare work", value: 20, unit: "ms" }, goal: "≤ 2" }),
    figure({ name: "throughput", value: 500, unit: "/s",
      baseline: { name: "bare throughput", value: 2000, unit: "/s" }, goal: "≥ 1,000/s", met: false }),
  ] });
console.log("good: done");`,
  "silent.mjs": `console.log("ran, wrote no JSON");`,
  "skip.mjs": `import { benchArgs, finish, skipped } from ${JSON.stringify(report)};
finish(benchArgs(process.argv.slice(2)), skipped("skip", "Needs a server", "no PostgreSQL server given"));`,
  "broken.mjs": `console.error("broken: out of luck"); process.exit(3);`,
  "run.mjs": `throw new Error("the runner never runs a script named run.mjs");`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "esca-bench-run-"));
  for (const [name, text] of Object.entries(fixtures)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runBench(...extra: string[]) {
  const out = join(dir, "results.json");
  rmSync(out, { force: true });
  const result = spawnSync(
    process.execPath,
    [runner, "--dir", dir, "--out", out, "--quiet", "--timeout", "60", ...extra],
    { encoding: "utf8", timeout: 120_000 },
  );
  return { ...result, out };
}

describe("npm run bench (bench/run.mjs)", () => {
  it("prints one table of every figure with its baseline, ratio, goal and whether it is met", () => {
    const { stdout, status, out } = runBench("--only", "good,silent,skip", "--quick");
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    const header = lines.find((line) => line.startsWith("script"));
    expect(header?.split(/\s{2,}/)).toEqual([
      "script",
      "figure",
      "value",
      "baseline",
      "ratio",
      "goal",
      "met",
    ]);
    const row = (start: string) => lines.filter((line) => line.startsWith(start));
    // --quick reached the script: its quick figure is 30 ms, 1.5 times the baseline.
    expect(row("good ")[0]?.split(/\s{2,}/)).toEqual([
      "good",
      "work",
      "30 ms",
      "20 ms (bare work)",
      "1.5",
      "≤ 2",
      "yes",
    ]);
    expect(row("good ")[1]).toMatch(
      /throughput\s+500 \/s\s+2,000 \/s \(bare throughput\)\s+0\.25\s+≥ 1,000\/s\s+NO/,
    );
    expect(row("silent ")[0]).toMatch(/^silent\s+no figures$/);
    expect(row("skip ")[0]).toMatch(/^skip\s+skipped: no PostgreSQL server given$/);
    expect(stdout).toMatch(
      /2 figures: 1 goals met, 1 missed; 1 scripts with figures, 1 skipped, 1 without figures, 0 failed/,
    );

    const merged = JSON.parse(readFileSync(out, "utf8"));
    expect(merged.quick).toBe(true);
    expect(merged.machine.cpus).toBeGreaterThan(0);
    expect(merged.machine.load_average).toHaveLength(3);
    expect(
      merged.scripts.map((s: { script: string; status: string }) => [s.script, s.status]),
    ).toEqual([
      ["good", "ok"],
      ["silent", "no figures"],
      ["skip", "skipped"],
    ]);
    expect(merged.scripts[2].reason).toBe("no PostgreSQL server given");
    expect(merged.scripts[0].notes).toEqual(["quick: true"]);
    expect(merged.figures).toEqual([
      {
        script: "good",
        name: "work",
        value: 30,
        unit: "ms",
        baseline: { name: "bare work", value: 20, unit: "ms" },
        ratio: 1.5,
        goal: "≤ 2",
        met: true,
      },
      {
        script: "good",
        name: "throughput",
        value: 500,
        unit: "/s",
        baseline: { name: "bare throughput", value: 2000, unit: "/s" },
        ratio: 0.25,
        goal: "≥ 1,000/s",
        met: false,
      },
    ]);
  });

  it("runs every script but itself without --only, and fails the run on a broken one", () => {
    const { stdout, status, out } = runBench();
    expect(status).toBe(1);
    expect(stdout).toMatch(/^broken\s+failed: exit 3$/m);
    expect(stdout).not.toMatch(/^run\s/m);
    const merged = JSON.parse(readFileSync(out, "utf8"));
    expect(merged.quick).toBe(false);
    expect(merged.scripts.map((s: { script: string }) => s.script)).toEqual([
      "broken",
      "good",
      "silent",
      "skip",
    ]);
    expect(merged.figures[0].value).toBe(300);
  });

  it("names the benchmarks there are when --only names one that is not", () => {
    const { stderr, status } = runBench("--only", "good,nonesuch");
    expect(status).toBe(2);
    expect(stderr).toMatch(/no benchmark named nonesuch .*there are: broken, good, silent, skip/);
  });
});

describe("bench/lib/report.mjs", () => {
  it("reads --key value, --key=value and bare flags, typed by their defaults", () => {
    expect(
      benchArgs(
        ["node", "x.mjs", "--quick", "--flows=10", "--url", "postgres://h/db", "--json", "f"],
        {
          quick: false,
          flows: 5,
        },
      ),
    ).toEqual({
      quick: true,
      flows: 10,
      url: "postgres://h/db",
      json: "f",
    });
    expect(() => benchArgs(["--flows", "many"], { flows: 5 })).toThrow(/--flows expects a number/);
  });

  it("works out the ratio to the baseline and checks it against the goal", () => {
    const made = figure({
      name: "roll-up",
      value: 812.3,
      unit: "ms",
      baseline: { name: "scan", value: 501.2, unit: "ms" },
      goal: "≤ 2",
    });
    expect(made).toMatchObject({ ratio: 1.621, met: true });
    expect(goalMet("≥ 0.35", 0.3)).toBe(false);
    expect(goalMet("≥ 0.35", 0.35)).toBe(true);
    expect(goalMet(null, 1)).toBeNull();
  });
});
