import type { FastifyInstance, FastifyPluginAsync, InjectOptions } from "fastify";
import { buildApp } from "../../src/app/build-app.ts";
import type { Role } from "../../src/contracts/roles.ts";
import { createUser, systemPrincipal } from "../../src/modules/accounts/index.ts";
import { createOrganization, findOrganizationRow } from "../../src/modules/organizations/index.ts";
import type { TrustProxy } from "../../src/platform/config.ts";
import type { DatabaseHandle } from "../../src/platform/db/connect.ts";
import { openEventBus } from "../../src/platform/events/index.ts";
import type { AppContext } from "../../src/platform/http/context.ts";
import { createTestDatabase } from "./database.ts";

/** The app as a server builds it, for tests that start one again on their database. */
export { buildApp };

export interface TestResponse<T> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A signed-in user: requests carry its session cookie and CSRF token. */
export interface TestSession {
  userId: string;
  email: string;
  cookie: string;
  csrfToken: string;
  request<T = unknown>(options: InjectOptions): Promise<TestResponse<T>>;
}

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  /** Sends a request as the test's administrator (signed in, with the CSRF token). */
  request<T = unknown>(options: InjectOptions): Promise<TestResponse<T>>;
  /** Sends a request with no session: the public. */
  anonymous<T = unknown>(options: InjectOptions): Promise<TestResponse<T>>;
  /** Creates a user of that role in that organization (created when missing) and signs in. */
  signIn(options: {
    role: Role;
    organization: string;
    kind?: string;
    country?: string;
  }): Promise<TestSession>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = "Correct-Horse-Battery-Staple-2011";
/** The administrators' organization every test app has. */
export const OPERATOR_ORGANIZATION = "ESCA-OPS";

let counter = 0;

async function send<T>(app: FastifyInstance, options: InjectOptions): Promise<TestResponse<T>> {
  const response = await app.inject(options);
  const text = response.body;
  const json = text && String(response.headers["content-type"] ?? "").includes("json");
  return {
    status: response.statusCode,
    body: (json ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

export async function createTestApp(
  options: {
    ctx?: Partial<AppContext>;
    extraRoutes?: FastifyPluginAsync;
    trustProxy?: TrustProxy;
  } = {},
): Promise<TestApp> {
  const handle = await createTestDatabase();
  // The event bus a server opens (live routes need it), before any request's transaction.
  const events = await openEventBus(handle);
  const app = await buildApp({
    ctx: { db: handle.db, backend: handle.backend, events, ...options.ctx },
    logLevel: "silent",
    ...(options.extraRoutes && { extraRoutes: options.extraRoutes }),
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
  });
  const system = systemPrincipal("test-setup");

  async function ensureOrganization(code: string, kind: string, country?: string) {
    if (await findOrganizationRow(handle.db, code)) return;
    await createOrganization({
      db: handle.db,
      input: {
        code,
        kind: kind as "oas_body",
        name: { es: code, en: code },
        ...(country ? { country } : {}),
      },
    });
  }

  async function signIn(opts: {
    role: Role;
    organization: string;
    kind?: string;
    country?: string;
  }): Promise<TestSession> {
    const kind =
      opts.kind ??
      (opts.role === "focal_point"
        ? "member_state"
        : opts.role === "partner"
          ? "partner_government"
          : "oas_body");
    await ensureOrganization(
      opts.organization,
      kind,
      opts.country ?? (kind === "member_state" ? opts.organization : undefined),
    );
    const email = `${opts.role}.${opts.organization.toLowerCase()}.${++counter}@test.esca-hub.org`;
    const { user } = await createUser({
      db: handle.db,
      input: {
        email,
        name: `${opts.role} of ${opts.organization}`,
        organization: opts.organization,
        role: opts.role,
        password: TEST_PASSWORD,
      },
      principal: system,
      isDemo: true,
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: TEST_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`test sign-in failed: ${login.body}`);
    const cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
    const csrfToken = (JSON.parse(login.body) as { csrf_token: string }).csrf_token;
    return {
      userId: user.id,
      email,
      cookie,
      csrfToken,
      request: <T>(request: InjectOptions) =>
        send<T>(app, {
          ...request,
          headers: { cookie, "x-csrf-token": csrfToken, ...request.headers },
        }),
    };
  }

  const admin = await signIn({ role: "admin", organization: OPERATOR_ORGANIZATION });
  return {
    app,
    handle,
    request: admin.request,
    anonymous: <T>(request: InjectOptions) => send<T>(app, request),
    signIn,
    async close() {
      await app.close();
      await events.close();
      await handle.close();
    },
  };
}
