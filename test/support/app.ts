import type { FastifyInstance, InjectOptions } from "fastify";
import type { DatabaseHandle } from "../../src/platform/db/connect.ts";
import { buildApp } from "../../src/platform/http/app.ts";
import { createTestDatabase } from "./database.ts";

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  /** Sends a request through the real app; the body is parsed JSON. */
  request<T = unknown>(
    options: InjectOptions,
  ): Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const handle = await createTestDatabase();
  const app = await buildApp({
    ctx: { db: handle.db, backend: handle.backend },
    logLevel: "silent",
  });
  return {
    app,
    handle,
    async request<T>(options: InjectOptions) {
      const response = await app.inject(options);
      const text = response.body;
      return {
        status: response.statusCode,
        body: (text ? JSON.parse(text) : undefined) as T,
        headers: response.headers,
      };
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
