import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { docsA11yCss } from "./docs-a11y.ts";
import { docsInitializer } from "./docs-initializer.ts";
import { describeOperation, finishDocument, securitySchemes } from "./openapi-document.ts";

/** A group of routes in the API documentation. */
export interface ApiTag {
  name: string;
  description: string;
}

/** The platform's own routes (health.routes.ts), documented beside the modules'. */
const platformTags: ApiTag[] = [
  { name: "health", description: "Whether the server answers and its database is ready" },
];

const INITIALIZER = "/api/docs/static/swagger-initializer.js";

/**
 * The OpenAPI 3.1 description, built from the zod schemas of the routes registered after this
 * (with each operation's operationId and security, and the document's servers, licence and
 * security schemes: openapi-document.ts), and its interactive page at /api/docs.
 */
export async function installApiDocs(app: FastifyInstance, tags: ApiTag[]): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ESCA Hub API",
        version: "1.0.0",
        description:
          "Coordination platform for the Central American Security Strategy (AG/RES. 2626): initiatives, support flows (offer → pledge → commitment → disbursement) and funding roll-ups. Money is a decimal string with an ISO 4217 code; errors are `{ error: { code, message, details } }`. Reads of published records are public; writes need a session cookie with its X-CSRF-Token header, or an API token with the operation's scope.",
      },
      tags: [...tags, ...platformTags],
      // Declared before the routes: the plugin reads each operation's schemes from here.
      components: { securitySchemes },
    },
    transform: (args) => {
      const transformed = jsonSchemaTransform(args);
      return {
        ...transformed,
        schema: describeOperation(transformed.schema, transformed.url, args.route),
      };
    },
    transformObject: (document) => finishDocument(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // Contrast fixes for Swagger UI's markup (docs-a11y.ts), served as /api/docs/static/theme/a11y.css.
    theme: { css: [{ filename: "a11y.css", content: docsA11yCss }] },
    uiHooks: {
      // The page's script, ours instead of the package's (docs-initializer.ts says why).
      preHandler: async (request, reply) => {
        if (request.routeOptions.url !== INITIALIZER) return;
        return reply.type("application/javascript; charset=utf-8").send(docsInitializer);
      },
    },
  });
}
