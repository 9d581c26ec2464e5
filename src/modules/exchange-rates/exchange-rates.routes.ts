import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { convertAmount } from "./convert-amount.ts";
import {
  blockedByRateSchema,
  conversionQuerySchema,
  conversionSchema,
  exchangeRateListSchema,
  exchangeRateParams,
  exchangeRateSchema,
  importResultSchema,
  listExchangeRatesQuerySchema,
  putExchangeRateBodySchema,
  ratesPreviewSchema,
} from "./exchange-rates.schema.ts";
import { findBlockedByMissingRate } from "./find-blocked-records.ts";
import { findExchangeRates, getExchangeRate } from "./find-exchange-rates.ts";
import { importRatesCsv } from "./import-rates-csv.ts";
import { previewRatesCsv } from "./preview-rates-csv.ts";
import { MAX_RATES_CSV_BYTES } from "./read-rates-csv.ts";
import { upsertExchangeRates } from "./upsert-exchange-rates.ts";

const tags = ["exchange-rates"];

export const exchangeRateRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.addContentTypeParser(
    "text/csv",
    { parseAs: "string", bodyLimit: MAX_RATES_CSV_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    "/exchange-rates",
    {
      schema: {
        tags,
        summary: "List exchange rates (USD per unit)",
        querystring: listExchangeRatesQuerySchema,
        response: { 200: exchangeRateListSchema, ...errorResponses },
      },
    },
    async (request) => findExchangeRates({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/exchange-rates/conversion",
    {
      schema: {
        tags,
        summary: "Value an amount in USD on its date, saying which rate was used",
        description:
          "The rate a recorded amount of that currency and value date would be converted with: the latest on or before the date, at most 366 days old. The answer gives the rate's date, its basis (monthly_average, annual_average, peg or daily) and its source; no rate is a 422 naming the currency and the date.",
        querystring: conversionQuerySchema,
        response: { 200: conversionSchema, ...errorResponses },
      },
    },
    async (request) => convertAmount({ db: ctx.db, query: request.query }),
  );
  app.get(
    "/exchange-rates/:currency/:date",
    {
      schema: {
        tags,
        summary: "Read the rate of one currency on one date",
        params: exchangeRateParams,
        response: { 200: exchangeRateSchema, ...errorResponses },
      },
    },
    async (request) => getExchangeRate({ db: ctx.db, ...request.params }),
  );
  app.put(
    "/exchange-rates/:currency/:date",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create or correct the rate of one currency on one date",
        params: exchangeRateParams,
        body: putExchangeRateBodySchema,
        response: { 200: exchangeRateSchema, ...errorResponses },
      },
    },
    async (request) => {
      await upsertExchangeRates({ db: ctx.db, rates: [{ ...request.params, ...request.body }] });
      return getExchangeRate({ db: ctx.db, ...request.params });
    },
  );
  app.post(
    "/exchange-rates/import",
    {
      config: { access: staff },
      schema: {
        tags,
        summary:
          "Import rates from CSV (header currency,date,usd_per_unit,source); all rows or none",
        consumes: ["text/csv"],
        body: z.string(),
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importRatesCsv({ db: ctx.db, csv: request.body }),
  );
  app.post(
    "/exchange-rates/import/preview",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Preview a rates CSV: rows to add or replace, problems per row; writes nothing",
        description:
          "The same CSV as POST /exchange-rates/import. Each valid row says whether it adds a rate, replaces the stored one (shown beside it) or leaves it unchanged; each problem names its line (the header is line 1), its column and a stable code with values for a client's own wording.",
        consumes: ["text/csv"],
        body: z.string(),
        response: { 200: ratesPreviewSchema, ...errorResponses },
      },
    },
    async (request) => previewRatesCsv({ db: ctx.db, csv: request.body }),
  );
  app.get(
    "/exchange-rates/blocked",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Records a missing exchange rate blocks",
        description:
          "Initiatives (drafts included), standing ledger entries, and current IATI transactions and budgets kept without USD, whose currency has no rate on or before their value date within 366 days; with the missing (currency, date) pairs and how many records each blocks.",
        response: { 200: blockedByRateSchema, ...errorResponses },
      },
    },
    async () => findBlockedByMissingRate({ db: ctx.db }),
  );
};
