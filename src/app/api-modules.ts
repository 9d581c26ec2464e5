import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { authRoutes, userRoutes } from "../modules/accounts/index.ts";
import { auditRoutes } from "../modules/audit/index.ts";
import { conferenceRoutes } from "../modules/conferences/index.ts";
import { exchangeRateRoutes } from "../modules/exchange-rates/index.ts";
import { fundingRoutes, overDisbursementRoutes } from "../modules/funding/index.ts";
import { iatiRoutes } from "../modules/iati/index.ts";
import { indicatorRoutes } from "../modules/indicators/index.ts";
import { initiativeRoutes } from "../modules/initiatives/index.ts";
import { liveBoardRoutes } from "../modules/live-board/index.ts";
import { mandateRoutes } from "../modules/mandates/index.ts";
import { oasBodyRoutes } from "../modules/oas-bodies/index.ts";
import { openDataRoutes } from "../modules/open-data/index.ts";
import { organizationRoutes } from "../modules/organizations/index.ts";
import { practiceRoutes } from "../modules/practices/index.ts";
import { reconciliationRoutes } from "../modules/reconciliation/index.ts";
import { reminderRoutes } from "../modules/reminders/index.ts";
import { reportRoutes } from "../modules/reports/index.ts";
import { resultsRoutes } from "../modules/results/index.ts";
import { searchRoutes } from "../modules/search/index.ts";
import { spreadsheetRoutes } from "../modules/spreadsheets/index.ts";
import { strategyRoutes } from "../modules/strategy/index.ts";
import { supportRequestRoutes } from "../modules/support-requests/index.ts";
import type { RouteOptions } from "../platform/http/context.ts";

export interface ApiModule {
  tag: string;
  description: string;
  routes: FastifyPluginAsyncZod<RouteOptions>;
}

/** Every module that serves part of the REST API under /api, in the order of the docs. */
export const apiModules: ApiModule[] = [
  {
    tag: "auth",
    description: "Sign in and out, password, two-factor authentication",
    routes: authRoutes,
  },
  { tag: "users", description: "Accounts (secretariat) and your API tokens", routes: userRoutes },
  {
    tag: "organizations",
    description: "Member states, partners, OAS and SICA bodies",
    routes: organizationRoutes,
  },
  {
    tag: "strategy",
    description: "The strategy's components (A–D) and their lines of action",
    routes: strategyRoutes,
  },
  {
    tag: "initiatives",
    description: "Initiatives member states present, and their lifecycle from draft to completed",
    routes: initiativeRoutes,
  },
  {
    tag: "mandates",
    description:
      "The resolution's operative paragraphs as mandates: status per period, evidence, trace",
    routes: mandateRoutes,
  },
  {
    tag: "practices",
    description: "The library of good practices of mechanisms and states (AG/RES. 2626 ¶6)",
    routes: practiceRoutes,
  },
  {
    tag: "open-data",
    description: "The published data's licence and last change; where each download is",
    routes: openDataRoutes,
  },
  {
    tag: "search",
    description:
      "One search over published initiatives, partners, OAS bodies, mandates and practices",
    routes: searchRoutes,
  },
  {
    tag: "exchange-rates",
    description: "Dated exchange rates used to value every amount in USD",
    routes: exchangeRateRoutes,
  },
  {
    tag: "indicators",
    description: "Indicator definitions and their values by country and year",
    routes: indicatorRoutes,
  },
  {
    tag: "results",
    description:
      "Initiatives' results frameworks: output and outcome indicators, targets per year, actuals with evidence, progress to target",
    routes: resultsRoutes,
  },
  {
    tag: "conferences",
    description:
      "Conferences where support is announced (the 2011 International Conference in Support of the Strategy): programme, delegations, documents, announcements; the Group of Friends",
    routes: conferenceRoutes,
  },
  {
    tag: "live-board",
    description: "A conference's live pledge board: its running totals, and their events (SSE)",
    routes: liveBoardRoutes,
  },
  {
    tag: "funding",
    description: "The support-flow ledger and the funding roll-ups (budget, committed, gap)",
    routes: fundingRoutes,
  },
  {
    tag: "over-disbursements",
    description: "A partner's request to disburse above its commitment, decided by the secretariat",
    routes: overDisbursementRoutes,
  },
  {
    tag: "oas-bodies",
    description: "The directory of OAS organs, agencies and entities (AG/RES. 2626 ¶8)",
    routes: oasBodyRoutes,
  },
  {
    tag: "support-requests",
    description: "Member states' requests for technical support to the OAS (AG/RES. 2626 ¶7–¶8)",
    routes: supportRequestRoutes,
  },
  {
    tag: "reminders",
    description:
      "Open items per organization (pledges not committed, results not reported…) and data quality",
    routes: reminderRoutes,
  },
  {
    tag: "reports",
    description:
      "The Permanent Council's report to the General Assembly (¶9): issued versions, hashes, files",
    routes: reportRoutes,
  },
  {
    tag: "audit",
    description: "The tamper-evident trail of every change, login and refused action",
    routes: auditRoutes,
  },
  {
    tag: "iati",
    description: "IATI 2.03: partners' publications imported, ESCA Hub's own published back",
    routes: iatiRoutes,
  },
  {
    tag: "spreadsheets",
    description: "Initiatives and flows as XLSX: download, edit offline, preview, apply",
    routes: spreadsheetRoutes,
  },
  {
    tag: "reconciliation",
    description: "What partners recorded in ESCA Hub against what they published in IATI",
    routes: reconciliationRoutes,
  },
];
