import type { InjectOptions } from "fastify";
import { TOTP } from "otpauth";
import type { TestSession } from "../support/app.ts";
import { TEST_PASSWORD } from "../support/app.ts";
import { auditRouteCases } from "./audit-cases.ts";
import { conferenceRouteCases } from "./conference-cases.ts";
import { iatiRouteCases } from "./iati-cases.ts";
import { mandateRouteCases } from "./mandate-cases.ts";
import { overrideRouteCases } from "./override-cases.ts";
import { practiceRouteCases } from "./practice-cases.ts";
import { reminderRouteCases } from "./reminder-cases.ts";
import { reportRouteCases } from "./report-cases.ts";
import { resultsRouteCases } from "./results-cases.ts";
import { twofaRouteCases } from "./twofa-cases.ts";
import type { ActorName, MatrixWorld, Side } from "./world.ts";

export interface Prepared {
  request: InjectOptions;
  /** Send with this session instead of the actor's shared one. */
  session?: TestSession;
}

export interface RouteCase {
  prepare(w: MatrixWorld, actor: ActorName, side: Side): Promise<Prepared>;
  allowed(actor: ActorName, side: Side): boolean;
  /** The status of a refusal to a signed-in user, when it is not 403. */
  deniedStatus?: number | ((actor: ActorName, side: Side) => number);
}

const isStaff = (actor: ActorName) => actor === "secretariat" || actor === "admin";
const staffOnly = (actor: ActorName) => isStaff(actor);
const anySignedIn = (actor: ActorName) => actor !== "anonymous";
const ownFocal = (actor: ActorName, side: Side) =>
  isStaff(actor) || (actor === "focal_point" && side === "own");
/** Another country's draft is not found, as a missing one would be (no probing of ids). */
const hiddenDraft = (actor: ActorName, side: Side) =>
  actor === "focal_point" && side === "other" ? 404 : 403;
const ownPartner = (actor: ActorName, side: Side) =>
  isStaff(actor) || (actor === "partner" && side === "own");
/** The officers of the body asked answer a request; the secretariat any. */
const ownBody = (actor: ActorName, side: Side) =>
  isStaff(actor) || (actor === "body_officer" && side === "own");
/** Another body's unacknowledged request, or one on a draft, is not found (no probing of ids). */
const hiddenRequest = (actor: ActorName, side: Side) =>
  actor === "body_officer" && side === "other" ? 404 : 403;

async function created<T = { id: string }>(
  w: MatrixWorld,
  url: string,
  payload: object,
): Promise<T> {
  const response = await w.t.request<T>({ method: "POST", url, payload });
  if (response.status >= 300) throw new Error(`fixture ${url}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const letters = "EFGHIJKLMNOPQRSTUVWXYZ";
const initiativePayload = (w: MatrixWorld, side: Side) => ({
  code: `M${w.next()}`,
  title: { en: "Matrix initiative" },
  component: "A",
  lead_country: w.country[side],
  budget: { amount: "1000.00", currency: "USD" },
});
const newInitiative = (w: MatrixWorld, side: Side) =>
  created<{ id: string; code: string }>(w, "/api/initiatives", initiativePayload(w, side));
const newFocalUser = (w: MatrixWorld, side: Side) =>
  created<{ user: { id: string } }>(w, "/api/users", {
    email: `target${w.next()}@test.esca-hub.org`,
    name: "Target user",
    organization: w.country[side],
    role: "focal_point",
    password: TEST_PASSWORD,
  });
const pledge = (w: MatrixWorld, side: Side) => ({
  flow_type: "pledge",
  support_kind: "financial",
  partner_id: w.partner[side].id,
  component_id: undefined as string | undefined,
  value: { amount: "100.00", currency: "USD" },
  value_date: "2011-06-22",
});
async function componentId(w: MatrixWorld) {
  return (await w.t.request<{ id: string }>({ method: "GET", url: "/api/components/A" })).body.id;
}
async function freshFor(w: MatrixWorld, actor: ActorName): Promise<TestSession | undefined> {
  return actor === "anonymous" ? undefined : w.freshSession(actor);
}
async function withTotp(w: MatrixWorld, actor: ActorName) {
  const session = await freshFor(w, actor);
  if (!session) return { session, totp: undefined };
  const setup = await session.request<{ secret: string }>({
    method: "POST",
    url: "/api/auth/totp/setup",
  });
  const totp = new TOTP({ secret: setup.body.secret });
  return { session, totp };
}
const body = (method: string, url: string, payload?: object): InjectOptions =>
  payload === undefined
    ? { method: method as "POST", url }
    : { method: method as "POST", url, payload };

const oasBodyPayload = (w: MatrixWorld) => ({
  code: `BODY${w.next()}`,
  name: { es: "Órgano", en: "Body" },
  body_kind: "entity",
  mandate: { es: "Mandato", en: "Mandate" },
  contact_role: { es: "Secretaría Ejecutiva", en: "Executive Secretary" },
});
/** A request of the own country's draft initiative, addressed to the side's body. */
async function newSupportRequest(w: MatrixWorld, side: Side) {
  const initiative = await newInitiative(w, "own");
  return created(w, "/api/support-requests", {
    initiative: initiative.code,
    body: w.body[side].code,
    what: "Training",
    why: "Needed",
    paragraph: 8,
  });
}
async function completedRequestWithEntry(w: MatrixWorld, side: Side) {
  const request = await newSupportRequest(w, side);
  for (const action of ["acknowledge", "accept", "complete"])
    await created(w, `/api/support-requests/${request.id}/steps`, { action });
  const flow = await created(w, "/api/flows", {
    flow_type: "commitment",
    support_kind: "technical",
    partner_id: w.body[side].id,
    component_id: await componentId(w),
    description: "Training of prosecutors",
    value: { amount: "100.00", currency: "USD" },
    value_date: "2012-03-01",
  });
  return { request, flow };
}

/** Every mutating route of the API, with how to call it and who may. */
export const routeCases: Record<string, RouteCase> = {
  ...auditRouteCases,
  ...conferenceRouteCases,
  ...iatiRouteCases,
  ...mandateRouteCases,
  ...resultsRouteCases,
  ...overrideRouteCases,
  ...practiceRouteCases,
  ...reminderRouteCases,
  ...reportRouteCases,
  ...twofaRouteCases,
  "POST /api/auth/login": {
    allowed: () => true,
    async prepare(w) {
      const user = await newFocalUser(w, "own");
      const email = (
        await w.t.request<{ email: string }>({ method: "GET", url: `/api/users/${user.user.id}` })
      ).body.email;
      return { request: body("POST", "/api/auth/login", { email, password: TEST_PASSWORD }) };
    },
  },
  "POST /api/auth/logout": {
    allowed: anySignedIn,
    async prepare(w, actor) {
      const session = await freshFor(w, actor);
      return { request: body("POST", "/api/auth/logout"), ...(session && { session }) };
    },
  },
  "POST /api/auth/password": {
    allowed: anySignedIn,
    async prepare(w, actor) {
      const session = await freshFor(w, actor);
      return {
        request: body("POST", "/api/auth/password", {
          current_password: TEST_PASSWORD,
          new_password: "Another-Long-Passphrase-2012",
        }),
        ...(session && { session }),
      };
    },
  },
  "POST /api/auth/totp/setup": {
    allowed: anySignedIn,
    async prepare(w, actor) {
      const session = await freshFor(w, actor);
      return { request: body("POST", "/api/auth/totp/setup"), ...(session && { session }) };
    },
  },
  "POST /api/auth/totp/enable": {
    allowed: anySignedIn,
    async prepare(w, actor) {
      const { session, totp } = await withTotp(w, actor);
      return {
        request: body("POST", "/api/auth/totp/enable", { code: totp?.generate() ?? "123456" }),
        ...(session && { session }),
      };
    },
  },
  "POST /api/auth/totp/disable": {
    allowed: anySignedIn,
    async prepare(w, actor) {
      const { session, totp } = await withTotp(w, actor);
      if (session && totp)
        await session.request({
          method: "POST",
          url: "/api/auth/totp/enable",
          payload: { code: totp.generate() },
        });
      return {
        // The code that turned TOTP on is used: the next step's (open for clock drift) is not.
        request: body("POST", "/api/auth/totp/disable", {
          code: totp?.generate({ timestamp: Date.now() + 30_000 }) ?? "123456",
          password: TEST_PASSWORD,
        }),
        ...(session && { session }),
      };
    },
  },
  "POST /api/users": {
    allowed: staffOnly,
    prepare: async (w, _a, side) => ({
      request: body("POST", "/api/users", {
        email: `new${w.next()}@test.esca-hub.org`,
        name: "New user",
        organization: w.country[side],
        role: "focal_point",
        password: TEST_PASSWORD,
      }),
    }),
  },
  "PATCH /api/users/:id": {
    allowed: staffOnly,
    prepare: async (w, _a, side) => ({
      request: body("PATCH", `/api/users/${(await newFocalUser(w, side)).user.id}`, {
        name: "Renamed",
      }),
    }),
  },
  "POST /api/users/:id/reset-password": {
    allowed: staffOnly,
    prepare: async (w, _a, side) => ({
      request: body("POST", `/api/users/${(await newFocalUser(w, side)).user.id}/reset-password`),
    }),
  },
  "POST /api/tokens": {
    allowed: anySignedIn,
    prepare: async () => ({
      request: body("POST", "/api/tokens", { name: "matrix", scopes: ["read"] }),
    }),
  },
  "DELETE /api/tokens/:id": {
    allowed: (actor, side) => actor !== "anonymous" && side === "own",
    deniedStatus: 404,
    async prepare(w, actor, side) {
      const owner =
        side === "own" && actor !== "anonymous"
          ? w.sessions[actor]
          : await w.freshSession("partner");
      const token = await owner.request<{ id: string }>({
        method: "POST",
        url: "/api/tokens",
        payload: { name: "to revoke", scopes: ["read"] },
      });
      return { request: body("DELETE", `/api/tokens/${token.body.id}`) };
    },
  },
  "POST /api/organizations": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: body("POST", "/api/organizations", {
        code: `ORG${w.next()}`,
        kind: "civil_society",
        name: { es: "ONG", en: "NGO" },
      }),
    }),
  },
  "PATCH /api/organizations/:id": {
    allowed: staffOnly,
    prepare: async (w, _a, side) => ({
      request: body("PATCH", `/api/organizations/${w.partner[side].code}`, {
        acronym: `A${w.next()}`,
      }),
    }),
  },
  "POST /api/components": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: body("POST", "/api/components", {
        code: letters[w.next() % letters.length],
        name: { es: "Componente", en: "Component" },
      }),
    }),
  },
  "PATCH /api/components/:id": {
    allowed: staffOnly,
    prepare: async () => ({
      request: body("PATCH", "/api/components/A", {
        description: { es: "Descripción", en: "Description" },
      }),
    }),
  },
  "POST /api/lines-of-action": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: body("POST", "/api/lines-of-action", {
        code: `A${letters[w.next() % letters.length]}`,
        component: "A",
        name: { es: "Línea", en: "Line" },
      }),
    }),
  },
  "PATCH /api/lines-of-action/:id": {
    allowed: staffOnly,
    async prepare(w) {
      const code = `A${String.fromCharCode(65 + (w.next() % 26))}`;
      await w.t.request({
        method: "POST",
        url: "/api/lines-of-action",
        payload: { code, component: "A", name: { es: "Línea", en: "Line" } },
      });
      return {
        request: body("PATCH", `/api/lines-of-action/${code}`, { name: { en: "Renamed line" } }),
      };
    },
  },
  "POST /api/conferences": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: body("POST", "/api/conferences", {
        code: `CONF-${w.next()}`,
        name: { es: "Conferencia", en: "Conference" },
        city: "Guatemala",
        country: "GT",
        start_date: "2011-06-22",
        end_date: "2011-06-23",
      }),
    }),
  },
  "PATCH /api/conferences/:id": {
    allowed: staffOnly,
    async prepare(w) {
      const conference = await created(w, "/api/conferences", {
        code: `CONF-${w.next()}`,
        name: { es: "C", en: "C" },
        city: "Guatemala",
        country: "GT",
        start_date: "2011-06-22",
        end_date: "2011-06-23",
      });
      return { request: body("PATCH", `/api/conferences/${conference.id}`, { city: "Antigua" }) };
    },
  },
  "POST /api/indicators": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: body("POST", "/api/indicators", {
        code: `ind_${w.next()}`,
        name: { es: "I", en: "I" },
        unit: "%",
      }),
    }),
  },
  "PATCH /api/indicators/:id": {
    allowed: staffOnly,
    prepare: async () => ({
      request: body("PATCH", "/api/indicators/homicide_rate", { unit: "per 100,000 inhabitants" }),
    }),
  },
  "POST /api/indicators/:id/observations": {
    allowed: ownFocal,
    prepare: async (w, _a, side) => ({
      request: body("POST", "/api/indicators/homicide_rate/observations", {
        country: w.country[side],
        year: 1900 + w.next(),
        value: "10.5",
        source: "Matrix",
      }),
    }),
  },
  "PATCH /api/observations/:id": {
    allowed: ownFocal,
    async prepare(w, _a, side) {
      const recorded = await created<{ id: string }>(
        w,
        "/api/indicators/homicide_rate/observations",
        { country: w.country[side], year: 1900 + w.next(), value: "1", source: "Matrix" },
      );
      return { request: body("PATCH", `/api/observations/${recorded.id}`, { value: "2" }) };
    },
  },
  "PUT /api/exchange-rates/:currency/:date": {
    allowed: staffOnly,
    prepare: async () => ({
      request: body("PUT", "/api/exchange-rates/EUR/2011-01-01", {
        usd_per_unit: "1.39",
        source: "Matrix",
      }),
    }),
  },
  "POST /api/exchange-rates/import": {
    allowed: staffOnly,
    prepare: async () => ({
      request: {
        method: "POST",
        url: "/api/exchange-rates/import",
        headers: { "content-type": "text/csv" },
        payload: "currency,date,usd_per_unit,source\nEUR,2011-01-01,1.39,Matrix\n",
      },
    }),
  },
  "POST /api/exchange-rates/import/preview": {
    allowed: staffOnly,
    prepare: async () => ({
      request: {
        method: "POST",
        url: "/api/exchange-rates/import/preview",
        headers: { "content-type": "text/csv" },
        payload: "currency,date,usd_per_unit,source\nEUR,2011-01-01,1.39,Matrix\n",
      },
    }),
  },
  "POST /api/initiatives": {
    allowed: ownFocal,
    prepare: async (w, _a, side) => ({
      request: body("POST", "/api/initiatives", initiativePayload(w, side)),
    }),
  },
  "PATCH /api/initiatives/:id": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    prepare: async (w, _a, side) => ({
      request: body("PATCH", `/api/initiatives/${(await newInitiative(w, side)).code}`, {
        source: "Matrix",
      }),
    }),
  },
  "POST /api/initiatives/:id/transitions": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    prepare: async (w, _a, side) => ({
      request: body("POST", `/api/initiatives/${(await newInitiative(w, side)).code}/transitions`, {
        to: "submitted",
      }),
    }),
  },
  "POST /api/initiatives/:id/publication": {
    allowed: staffOnly,
    async prepare(w, _a, side) {
      const initiative = await newInitiative(w, side);
      await w.t.request({
        method: "POST",
        url: `/api/initiatives/${initiative.code}/transitions`,
        payload: { to: "submitted" },
      });
      return {
        request: body("POST", `/api/initiatives/${initiative.code}/publication`, {
          published: true,
        }),
      };
    },
  },
  "POST /api/oas-bodies": {
    allowed: staffOnly,
    prepare: async (w) => ({ request: body("POST", "/api/oas-bodies", oasBodyPayload(w)) }),
  },
  "PATCH /api/oas-bodies/:id": {
    allowed: staffOnly,
    async prepare(w) {
      const created_ = await created<{ code: string }>(w, "/api/oas-bodies", oasBodyPayload(w));
      return {
        request: body("PATCH", `/api/oas-bodies/${created_.code}`, {
          contact_role: { en: "Director" },
        }),
      };
    },
  },
  "POST /api/support-requests": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    async prepare(w, _a, side) {
      const initiative = await newInitiative(w, side);
      return {
        request: body("POST", "/api/support-requests", {
          initiative: initiative.code,
          body: "CICAD",
          what: "Training",
          why: "Needed",
          paragraph: 7,
        }),
      };
    },
  },
  "POST /api/support-requests/:id/steps": {
    allowed: ownBody,
    deniedStatus: hiddenRequest,
    async prepare(w, _a, side) {
      const request = await newSupportRequest(w, side);
      return {
        request: body("POST", `/api/support-requests/${request.id}/steps`, {
          action: "acknowledge",
        }),
      };
    },
  },
  "POST /api/support-requests/:id/flow": {
    allowed: ownBody,
    deniedStatus: hiddenRequest,
    async prepare(w, _a, side) {
      const { request, flow } = await completedRequestWithEntry(w, side);
      return {
        request: body("POST", `/api/support-requests/${request.id}/flow`, { flow_id: flow.id }),
      };
    },
  },
  "POST /api/flows": {
    allowed: ownPartner,
    prepare: async (w, _a, side) => ({
      request: body("POST", "/api/flows", {
        ...pledge(w, side),
        component_id: await componentId(w),
      }),
    }),
  },
  "POST /api/flows/:id/reversal": {
    allowed: ownPartner,
    async prepare(w, _a, side) {
      const flow = await created(w, "/api/flows", {
        ...pledge(w, side),
        component_id: await componentId(w),
      });
      return {
        request: body("POST", `/api/flows/${flow.id}/reversal`, { reason: "Recorded twice" }),
      };
    },
  },
};
