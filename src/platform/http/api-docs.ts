import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** A group of routes in the API documentation. */
export interface ApiTag {
  name: string;
  description: string;
}

/**
 * The OpenAPI 3.1 description, built from the zod schemas of the routes registered after this,
 * and its interactive page at /api/docs.
 */
export async function installApiDocs(app: FastifyInstance, tags: ApiTag[]): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ESCA Hub API",
        version: "1.0.0",
        description:
          "Coordination platform for the Central American Security Strategy (AG/RES. 2626): initiatives, support flows (offer → pledge → commitment → disbursement) and funding roll-ups. Money is a decimal string with an ISO 4217 code; errors are `{ error: { code, message, details } }`.",
      },
      tags,
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
}
