import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { sql } from "kysely";
import type { ZodType } from "zod";
import { errorResponseSchema } from "../../src/contracts/common.ts";
import type { Role } from "../../src/contracts/roles.ts";
import { settleReportJobs } from "../../src/modules/reports/index.ts";
import type { DatabaseHandle } from "../../src/platform/db/connect.ts";
import { routeCases } from "../authorization/cases.ts";
import { mutatingRoutes } from "../authorization/coverage.ts";
import { buildWorld, type MatrixWorld, type Side } from "../authorization/world.ts";
import type { TestApp, TestResponse, TestSession } from "../support/app.ts";
import { hostileValue, isRecord, mutatedBody, type Pools } from "../support/zod-arbitrary.ts";

/**
 * Property-based requests to every write route (POST, PUT, PATCH, DELETE of the route table),
 * derived from the route's own zod schemas, by a random caller: the public, or a user of each
 * role in one organization or another. For every request: no 500; a refusal (4xx) is the one
 * error shape; a refusal writes nothing (the database's content is the same after it).
 *
 * Seeded: the seed is printed, and FC_SEED=<seed> replays a run.
 */

export const fuzzSeed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A caller: the public, or a signed-in user of a role in an organization. */
export interface Caller {
  name: string;
  role: Role | "anonymous";
  session?: TestSession;
}

export interface FuzzWorld {
  w: MatrixWorld;
  callers: Caller[];
  tables: string[];
}

/** The matrix's world (Guatemala, Honduras, IDB, Spain, CICAD, CICTE…), with a user of each
 *  role on the other side too. */
export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const w = await buildWorld(t);
  const callers: Caller[] = [
    { name: "anonymous", role: "anonymous" },
    { name: "focal point of GT", role: "focal_point", session: w.sessions.focal_point },
    {
      name: "focal point of HN",
      role: "focal_point",
      session: await t.signIn({ role: "focal_point", organization: "HN" }),
    },
    { name: "partner of IDB", role: "partner", session: w.sessions.partner },
    {
      name: "partner of ESP",
      role: "partner",
      session: await t.signIn({ role: "partner", organization: "ESP" }),
    },
    { name: "secretariat", role: "secretariat", session: w.sessions.secretariat },
    { name: "admin", role: "admin", session: w.sessions.admin },
    { name: "body officer of CICAD", role: "body_officer", session: w.sessions.body_officer },
    {
      name: "body officer of CICTE",
      role: "body_officer",
      session: await t.signIn({ role: "body_officer", organization: "CICTE" }),
    },
  ];
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    t.handle.db,
  );
  return { w, callers, tables: rows.rows.map((r) => r.table_name) };
}

/** What a refusal rightly changes is left out of the comparison: a session's last use and
 *  sliding expiry, a failed sign-in's count against the account (throttling), and the audit
 *  trail's record of the refusal itself (access_denied, login_failed — security events). */
const ROW_TEXT: Record<string, string> = {
  sessions: "(x.token_hash, x.user_id, x.totp_verified, x.ended_at)::text",
};
const ROWS: Record<string, string> = {
  audit_log: "where x.action not in ('access_denied', 'login_failed')",
  iati_import_jobs: "where x.state <> 'failed'",
};
/** An IATI import's job records its own outcome, a refusal included (what GET
 *  /api/iati/imports/{id} answers, as the audit trail records an access_denied): a refused
 *  upload may leave one failed job and nothing else, so only the other jobs are compared. */
const UNCOMPARED = new Set(["login_throttle"]);

/** The content of every table, as one hash per table. */
export async function fingerprint(
  handle: DatabaseHandle,
  tables: string[],
): Promise<Map<string, string>> {
  const parts = tables
    .filter((table) => !UNCOMPARED.has(table))
    .map((table) => {
      const row = ROW_TEXT[table] ?? "x::text";
      return `select '${table}' as t, count(*) || ':' || md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as h from "${table}" x ${ROWS[table] ?? ""}`;
    });
  const result = await sql<{ t: string; h: string }>`${sql.raw(parts.join(" union all "))}`.execute(
    handle.db,
  );
  return new Map(result.rows.map((r) => [r.t, r.h]));
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([table, hash]) => before.get(table) !== hash).map(([table]) => table);

/** A route's valid request for each side, as the authorization matrix prepares it. */
interface Example {
  url: string;
  payload: unknown;
  headers: Record<string, string>;
  query: string;
  params: Record<string, string>;
}

function exampleOf(pattern: string, request: InjectOptions): Example {
  const [path = "", query = ""] = String(request.url).split("?");
  const names = pattern.split("/");
  const values = path.split("/");
  const params: Record<string, string> = {};
  names.forEach((part, i) => {
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(values[i] ?? "");
  });
  return {
    url: path,
    payload: request.payload,
    headers: (request.headers ?? {}) as Record<string, string>,
    query,
    params,
  };
}

export interface RouteUnderFuzz {
  route: string;
  method: string;
  pattern: string;
  body?: ZodType;
  params?: ZodType;
  /** Its caller is its own fresh session (the route ends or changes it): prepared per run. */
  sessionBound: boolean;
  examples: Record<Side, Example>;
}

/** The write routes of the app, each with its schemas and a valid request of each side. */
export async function routesUnderFuzz(
  t: TestApp,
  fw: FuzzWorld,
  part: number,
  parts: number,
): Promise<RouteUnderFuzz[]> {
  const routes = mutatingRoutes(t.app)
    .sort()
    .filter((_, i) => i % parts === part);
  const out: RouteUnderFuzz[] = [];
  for (const route of routes) {
    const [method = "", pattern = ""] = route.split(" ");
    const entry = t.app.routeTable.find((r) => r.method === method && r.url === pattern);
    const routeCase = routeCases[route];
    if (!routeCase) throw new Error(`${route} has no case in test/authorization/cases.ts`);
    const own = await routeCase.prepare(fw.w, "admin", "own");
    const other = await routeCase.prepare(fw.w, "admin", "other");
    out.push({
      route,
      method,
      pattern,
      ...(entry?.body && { body: entry.body }),
      ...(entry?.params && { params: entry.params }),
      sessionBound: Boolean(own.session),
      examples: {
        own: exampleOf(pattern, own.request),
        other: exampleOf(pattern, other.request),
      },
    });
  }
  return out;
}

export interface Sent {
  caller: string;
  request: InjectOptions;
  response: TestResponse<unknown>;
  changed: string[];
}

/** What is wrong with an answer, if anything. */
export function verdict(sent: Sent): string | undefined {
  const { status, body } = sent.response;
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  const shaped = errorResponseSchema.safeParse(body);
  if (!shaped.success) return `refused (${status}) in another shape`;
  if (sent.changed.length) return `refused (${status}) yet changed ${sent.changed.join(", ")}`;
  return undefined;
}

const describeSent = (sent: Sent) => {
  const payload = sent.request.payload;
  const text = typeof payload === "string" ? payload : JSON.stringify(payload ?? null);
  return `${sent.caller}: ${sent.request.method} ${sent.request.url} ${text.slice(0, 300)} → ${sent.response.status} ${JSON.stringify(sent.response.body).slice(0, 300)}`;
};

const opaqueText = (payload: unknown) =>
  Buffer.isBuffer(payload) ? payload.toString("latin1") : String(payload);

/** %-encoded, a lone surrogate (which has no UTF-8) sent as U+FFFD as a browser would. */
const encodePathValue = (value: string) =>
  encodeURIComponent(value.replace(/[\ud800-\udfff]/gu, "\ufffd"));

const RAW = "raw:";
/** Path values sent as they are, not %-encoded: malformed escapes, dot segments, a long run. */
const RAW_PATH_VALUES = ["%", "%zz", "%E0%A4%A", "%C0%AF", "..", ".%2e", `${"a".repeat(101)}`].map(
  (value) => `${RAW}${value}`,
);

/** The arbitrary of one route's requests: caller, side, path values and body. */
function requestArbitrary(route: RouteUnderFuzz, fw: FuzzWorld, pools: Pools) {
  const sides = fc.constantFrom<Side>("own", "other");
  return fc.record({
    caller: fc.constantFrom(...fw.callers),
    side: sides,
    request: sides.chain((side) => {
      const example = route.examples[side];
      const names = Object.keys(example.params);
      const param = (name: string) =>
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(example.params[name] ?? "") },
          {
            weight: 2,
            arbitrary: fc.constant(
              route.examples[side === "own" ? "other" : "own"].params[name] ?? "",
            ),
          },
          { weight: 1, arbitrary: pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid() },
          { weight: 1, arbitrary: fc.uuid() },
          {
            weight: 1,
            arbitrary: hostileValue(undefined, name).map((v) => String(v).slice(0, 2000)),
          },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_VALUES) },
        );
      const payload = example.payload;
      const body =
        payload === undefined
          ? fc.oneof(
              { weight: 4, arbitrary: fc.constant(undefined) },
              mutatedBody(route.body, {}, pools),
            )
          : isRecord(payload) || Array.isArray(payload)
            ? mutatedBody(route.body, payload, pools)
            : fc.oneof(
                { weight: 3, arbitrary: fc.constant(payload) },
                fc.string({ unit: "binary", maxLength: 300 }),
                fc.constant(
                  opaqueText(payload).slice(0, Math.floor(opaqueText(payload).length / 2)),
                ),
              );
      return fc.record({ params: fc.tuple(...names.map(param)), body }).map(({ params, body }) => {
        let url = route.pattern;
        names.forEach((name, i) => {
          const value = String(params[i]);
          url = url.replace(
            `:${name}`,
            RAW_PATH_VALUES.includes(value) ? value.slice(RAW.length) : encodePathValue(value),
          );
        });
        const opaque = !(isRecord(payload) || Array.isArray(payload)) && payload !== undefined;
        const request: InjectOptions = {
          method: route.method as "POST",
          url: example.query ? `${url}?${example.query}` : url,
          ...(body !== undefined && {
            payload: opaque ? (body as string | Buffer) : JSON.stringify(body),
            headers: opaque ? example.headers : { "content-type": "application/json" },
          }),
        };
        return request;
      });
    }),
  });
}

/**
 * Waits for the work an accepted request left running after its answer (a report job's
 * rendering, an IATI import's job), so that what it writes later is not taken for a write
 * of the next, refused, request.
 */
async function settleBackground(handle: DatabaseHandle): Promise<void> {
  await settleReportJobs();
  for (let waited = 0; waited < 600; waited++) {
    const running = await handle.db
      .selectFrom("iati_import_jobs")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("state", "=", "running")
      .executeTakeFirstOrThrow();
    if (Number(running.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `numRuns` requests to a route; returns what went wrong (empty when nothing did) and
 *  how many answers of each class (2xx, 4xx) it got. */
export async function fuzzRoute(
  route: RouteUnderFuzz,
  fw: FuzzWorld,
  pools: Pools,
  options: { numRuns: number; seed: number },
): Promise<{ failures: string[]; answers: Record<string, number> }> {
  const answers: Record<string, number> = {};
  const { t } = fw.w;
  const failures: string[] = [];
  await settleBackground(t.handle);
  let before = await fingerprint(t.handle, fw.tables);
  const result = await fc.check(
    fc.asyncProperty(requestArbitrary(route, fw, pools), async ({ caller, side, request }) => {
      let session = caller.session;
      if (route.sessionBound) {
        const routeCase = routeCases[route.route];
        const prepared = await routeCase?.prepare(fw.w, caller.role, side);
        session = caller.role === "anonymous" ? undefined : prepared?.session;
        await settleBackground(t.handle);
        before = await fingerprint(t.handle, fw.tables);
      }
      const response = session ? await session.request(request) : await t.anonymous(request);
      await settleBackground(t.handle);
      const after = await fingerprint(t.handle, fw.tables);
      const sent: Sent = {
        caller: caller.name,
        request,
        response,
        changed: changedTables(before, after),
      };
      before = after;
      const answer = `${String(response.status).slice(0, 1)}xx`;
      answers[answer] = (answers[answer] ?? 0) + 1;
      const wrong = verdict(sent);
      if (wrong) failures.push(`${route.route} ${wrong}\n    ${describeSent(sent)}`);
      return wrong === undefined;
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  if (result.failed && !failures.length)
    failures.push(`${route.route}: ${String(result.errorInstance ?? "property threw")}`);
  return { failures, answers };
}

/** Ids and codes that name records of the world, for fields that refer to one. */
export function poolsOf(routes: RouteUnderFuzz[]): Pools {
  const ids = new Set<string>();
  for (const route of routes)
    for (const example of Object.values(route.examples))
      for (const value of Object.values(example.params))
        if (/^[0-9a-f-]{36}$/.test(value)) ids.add(value);
  return {
    ids: [...ids],
    codes: ["GT", "HN", "IDB", "ESP", "CICAD", "CICTE", "A", "homicide_rate"],
  };
}
