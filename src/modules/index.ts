import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { RouteOptions } from "../platform/http/context.ts";
import { exchangeRateRoutes } from "./exchange-rates/index.ts";
import { organizationRoutes } from "./organizations/index.ts";

export interface ApiModule {
  tag: string;
  description: string;
  routes: FastifyPluginAsyncZod<RouteOptions>;
}

/** Every module that serves part of the REST API under /api, in the order of the docs. */
export const apiModules: ApiModule[] = [
  {
    tag: "organizations",
    description: "Member states, partners, OAS and SICA bodies",
    routes: organizationRoutes,
  },
  {
    tag: "exchange-rates",
    description: "Dated exchange rates used to value every amount in USD",
    routes: exchangeRateRoutes,
  },
];
