import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import compress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` (and `npm start`, when needed) puts the web application. */
export const defaultWebRoot = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

const YEAR = 60 * 60 * 24 * 365;

/**
 * Serves the built web application: hashed assets under /assets cached for a year
 * (their names change with their content), index.html never cached, everything compressed,
 * and every other GET outside /api answered with index.html so that client routes
 * (/initiatives/…, /countries/GT?lang=en) can be opened and shared directly. Without a
 * build, / leads to the API documentation instead.
 */
export async function webRoutes(app: FastifyInstance, options: { root?: string }) {
  const root = options.root ?? defaultWebRoot;
  if (!existsSync(join(root, "index.html"))) {
    app.get("/", { schema: { hide: true }, config: { access: "public" } }, (_request, reply) =>
      reply.redirect("/api/docs"),
    );
    return;
  }
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header(
        "cache-control",
        path.startsWith(join(root, "assets"))
          ? `public, max-age=${YEAR}, immutable`
          : path.endsWith("index.html")
            ? "no-cache"
            : "public, max-age=3600",
      );
    },
  });
  const sendApp = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (path === "/api" || path.startsWith("/api/") || path.startsWith("/assets/")) {
      return reply.callNotFound();
    }
    return reply.sendFile("index.html", root);
  };
  app.get("/", { schema: { hide: true }, config: { access: "public" } }, sendApp);
  app.get("/*", { schema: { hide: true }, config: { access: "public" } }, sendApp);
}
