// What bench/load.mjs prints and writes once its clients have stopped: per kind of request
// the count, statuses, p50/p99, timeouts and unexpected statuses; the checks made on the
// database afterwards; and the figures of the bench JSON contract (bench/lib/report.mjs).
import { writeJson } from "./report.mjs";

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/** Prints the run's summary, writes its JSON to `settings.jsonFile` when given, returns it. */
export function loadReport({
  kinds,
  unexpectedSamples,
  refusedMarkers,
  settings: { clients, seconds, requestTimeoutMs, jsonFile },
  loadSeconds,
  stallSeconds,
  checks,
  world,
  facts,
  serverErrors,
}) {
  const rows = [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  const all = { requests: 0, timeouts: 0, errors: 0, bad: 0, server5xx: 0 };
  const table = rows.map((entry) => {
    const sorted = entry.latencies.sort((a, b) => a - b);
    const fivexx = Object.entries(entry.statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    all.requests += entry.requests;
    all.timeouts += entry.timeouts;
    all.errors += entry.errors;
    all.bad += entry.bad;
    all.server5xx += fivexx;
    return {
      kind: entry.kind,
      requests: entry.requests,
      statuses: entry.statuses,
      p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
      timeouts: entry.timeouts,
      errors: entry.errors,
      unexpected: entry.bad,
    };
  });
  console.table(
    table.map((row) => ({
      kind: row.kind,
      requests: row.requests,
      statuses: Object.entries(row.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(" "),
      "p50 ms": row.p50_ms,
      "p99 ms": row.p99_ms,
      timeouts: row.timeouts,
      unexpected: row.unexpected,
    })),
  );
  const invariantHeld = Object.values(checks.invariant).every((count) => count === 0);
  const writesHeld =
    checks.acknowledged_present === checks.acknowledged_writes && checks.refused_written === 0;
  const ok =
    all.server5xx === 0 && all.bad === 0 && invariantHeld && checks.audit.verified && writesHeld;
  const rps = all.requests / loadSeconds;
  console.log(
    `requests: ${all.requests} in ${loadSeconds.toFixed(1)} s (${rps.toFixed(0)}/s); 5xx: ${all.server5xx}; unexpected statuses: ${all.bad}; timeouts: ${all.timeouts} (${requestTimeoutMs / 1000} s); longest wait with no answer: ${stallSeconds.toFixed(1)} s; connection errors: ${all.errors}; server errors logged: ${serverErrors}`,
  );
  for (const sample of unexpectedSamples) console.log(`  unexpected: ${sample}`);
  console.log(
    `invariant: ${invariantHeld ? "held" : "BROKEN"} ${JSON.stringify(checks.invariant)}; audit chain: ${checks.audit.verified ? `verified, ${checks.audit.rows} rows` : `BROKEN ${JSON.stringify(checks.audit.first_bad)}`}; acknowledged writes present: ${checks.acknowledged_present}/${checks.acknowledged_writes}; refused writes written: ${checks.refused_written}`,
  );
  console.log(ok ? "load: all checks passed" : "load: FAILED");
  const result = {
    script: "load",
    title: `Load: ${clients} clients for ${seconds} s, ${world.description}`,
    figures: contractFigures(table, all, rps, invariantHeld, checks, stallSeconds),
    notes: [
      `${clients} clients (60% public reads, 30% partners, 10% secretariat) for ${seconds} s; per-request timeout ${requestTimeoutMs / 1000} s`,
      "p50/p99 are of the answered requests; a request not answered within the timeout is counted under timeouts (it may still have been written: only answered writes are checked present)",
      `partners write on initiatives with no demo entries of theirs (${facts.accounts.length} accounts); the secretariat's override disbursements go to pairs of their own`,
    ],
    ok,
    database: world.description,
    clients,
    seconds,
    requests: all.requests,
    requests_per_second: Math.round(rps),
    server_5xx: all.server5xx,
    unexpected: all.bad,
    timeouts: all.timeouts,
    connection_errors: all.errors,
    longest_stall_seconds: Math.round(stallSeconds * 10) / 10,
    kinds: table,
    invariant: { held: invariantHeld, ...checks.invariant },
    audit: checks.audit,
    writes: {
      acknowledged: checks.acknowledged_writes,
      present: checks.acknowledged_present,
      refused_attempts: refusedMarkers.length,
      refused_written: checks.refused_written,
      flows_after: checks.flows,
    },
  };
  writeJson(jsonFile, result);
  return result;
}

/** The contract's figures: latencies against /api/health's under the same load. */
function contractFigures(table, all, rps, invariantHeld, checks, stallSeconds) {
  const health = table.find((row) => row.kind === "public GET /api/health");
  const p99Of = (filter) => Math.max(0, ...table.filter(filter).map((row) => row.p99_ms));
  const baseline = health && {
    name: "GET /api/health p99, same run",
    value: health.p99_ms,
    unit: "ms",
  };
  const against = (name, value) => ({
    name,
    value,
    unit: "ms",
    baseline: baseline ?? null,
    ratio: baseline?.value > 0 ? Math.round((value / baseline.value) * 100) / 100 : null,
    goal: null,
    met: null,
  });
  const count = (name, value, unit, met, goal) => ({
    name,
    value,
    unit,
    baseline: null,
    ratio: null,
    goal,
    met,
  });
  return [
    count("requests per second", Math.round(rps), "req/s", null, null),
    count("5xx responses", all.server5xx, "responses", all.server5xx === 0, "= 0"),
    count("unexpected statuses", all.bad, "responses", all.bad === 0, "= 0"),
    count("timeouts", all.timeouts, "requests", null, null),
    count("longest wait with no answer", Math.round(stallSeconds * 10) / 10, "s", null, null),
    against(
      "worst public read p99",
      p99Of((row) => row.kind.startsWith("public ")),
    ),
    against(
      "worst partner write p99",
      p99Of((row) => row.kind.startsWith("partner POST")),
    ),
    against(
      "worst secretariat p99",
      p99Of((row) => row.kind.startsWith("secretariat ")),
    ),
    count(
      "over-commitment invariant breaches",
      Object.values(checks.invariant).reduce((sum, n) => sum + n, 0),
      "entries",
      invariantHeld,
      "= 0",
    ),
    count("audit chain rows verified", checks.audit.rows, "rows", checks.audit.verified, "intact"),
  ];
}
