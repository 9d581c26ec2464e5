import type { InjectOptions } from "fastify";
import type { Role } from "../../src/contracts/roles.ts";
import type { TestApp, TestResponse, TestSession } from "../support/app.ts";

/** The actors of the matrix: the public and one user per role. */
export type ActorName = "anonymous" | Role;
export const actorNames: ActorName[] = [
  "anonymous",
  "focal_point",
  "partner",
  "secretariat",
  "admin",
  "body_officer",
];

/**
 * "own" resources belong to the acting user's organization (Guatemala for the focal point,
 * the IDB for the partner, CICAD for the body officer); "other" ones to another (Honduras,
 * Spain, CICTE).
 */
export type Side = "own" | "other";
export const sides: Side[] = ["own", "other"];

export interface MatrixWorld {
  t: TestApp;
  sessions: Record<Role, TestSession>;
  country: Record<Side, string>;
  partner: Record<Side, { code: string; id: string }>;
  /** The OAS bodies support requests are addressed to. */
  body: Record<Side, { code: string; id: string }>;
  /** A unique suffix for codes and emails. */
  next(): number;
  /** A request as an actor: its shared session, a given one, or anonymous. */
  send<T = unknown>(
    actor: ActorName,
    request: InjectOptions,
    session?: TestSession,
  ): Promise<TestResponse<T>>;
  /** A fresh session for an actor, for routes that end or change the session. */
  freshSession(actor: Role): Promise<TestSession>;
}

export async function buildWorld(t: TestApp): Promise<MatrixWorld> {
  const post = async (url: string, payload: object) => {
    const response = await t.request<{ id: string }>({ method: "POST", url, payload });
    if (response.status >= 300) throw new Error(`fixture ${url}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  for (const [code, name] of [
    ["GT", "Guatemala"],
    ["HN", "Honduras"],
  ] as const) {
    await post("/api/organizations", {
      code,
      kind: "member_state",
      country: code,
      name: { es: name, en: name },
    });
  }
  const idb = await post("/api/organizations", {
    code: "IDB",
    kind: "international_org",
    name: { es: "BID", en: "IDB" },
  });
  const esp = await post("/api/organizations", {
    code: "ESP",
    kind: "partner_government",
    name: { es: "España", en: "Spain" },
  });
  await post("/api/organizations", {
    code: "SICA-DSD",
    kind: "sica_body",
    name: { es: "DSD", en: "DSD" },
  });
  const oasBody = (code: string) =>
    post("/api/oas-bodies", {
      code,
      name: { es: code, en: code },
      body_kind: "entity",
      mandate: { es: "Mandato", en: "Mandate" },
      contact_role: { es: `Secretaría Ejecutiva, ${code}`, en: `Executive Secretary, ${code}` },
    });
  const cicad = await oasBody("CICAD");
  const cicte = await oasBody("CICTE");
  await post("/api/components", {
    code: "A",
    name: { es: "Combate al delito", en: "Combating crime" },
  });
  await post("/api/indicators", {
    code: "homicide_rate",
    name: { es: "Homicidios", en: "Homicides" },
    unit: "per 100,000",
  });

  const sessions: Record<Role, TestSession> = {
    focal_point: await t.signIn({ role: "focal_point", organization: "GT" }),
    partner: await t.signIn({ role: "partner", organization: "IDB" }),
    secretariat: await t.signIn({ role: "secretariat", organization: "SICA-DSD" }),
    admin: await t.signIn({ role: "admin", organization: "ESCA-OPS" }),
    body_officer: await t.signIn({ role: "body_officer", organization: "CICAD" }),
  };
  const organizationOf: Record<Role, string> = {
    focal_point: "GT",
    partner: "IDB",
    secretariat: "SICA-DSD",
    admin: "ESCA-OPS",
    body_officer: "CICAD",
  };
  let counter = 0;
  return {
    t,
    sessions,
    country: { own: "GT", other: "HN" },
    partner: { own: { code: "IDB", id: idb.id }, other: { code: "ESP", id: esp.id } },
    body: { own: { code: "CICAD", id: cicad.id }, other: { code: "CICTE", id: cicte.id } },
    next: () => ++counter,
    send: (actor, request, session) =>
      actor === "anonymous" ? t.anonymous(request) : (session ?? sessions[actor]).request(request),
    freshSession: (actor) => t.signIn({ role: actor, organization: organizationOf[actor] }),
  };
}
