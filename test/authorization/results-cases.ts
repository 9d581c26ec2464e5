import type { InjectOptions } from "fastify";
import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld, Side } from "./world.ts";

/**
 * Results frameworks and indicator CSVs. An initiative's results are its lead country's focal
 * points' (and the secretariat's) to define and report; another country's draft is not found.
 * Any focal point may preview a CSV (its rows for other countries come back as problems); an
 * import of another country's rows is refused row by row (400, each row named), nothing written.
 */
const isStaff = (actor: ActorName) => actor === "secretariat" || actor === "admin";
const ownFocal = (actor: ActorName, side: Side) =>
  isStaff(actor) || (actor === "focal_point" && side === "own");
const hiddenDraft = (actor: ActorName, side: Side) =>
  actor === "focal_point" && side === "other" ? 404 : 403;

async function created<T = { id: string }>(w: MatrixWorld, url: string, payload: object) {
  const response = await w.t.request<T>({ method: "POST", url, payload });
  if (response.status >= 300) throw new Error(`fixture ${url}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A draft initiative of the side's country with one results indicator. */
async function resultsIndicator(w: MatrixWorld, side: Side) {
  const initiative = await created<{ code: string }>(w, "/api/initiatives", {
    code: `R${w.next()}`,
    title: { en: "Matrix initiative with results" },
    component: "A",
    lead_country: w.country[side],
    budget: { amount: "1000.00", currency: "USD" },
  });
  const indicator = await created(w, `/api/initiatives/${initiative.code}/results`, definition());
  return { initiative, indicator };
}
const definition = () => ({
  code: "OUT-1",
  level: "output",
  name: { es: "Personas capacitadas", en: "People trained" },
  unit: "people",
  direction: "higher_is_better",
  baseline: { value: "0", year: 2011 },
  targets: [{ value: "100", year: 2014 }],
});
const csv = (url: string, text: string): InjectOptions => ({
  method: "POST",
  url,
  payload: text,
  headers: { "content-type": "text/csv" },
});
const observationsCsv = (w: MatrixWorld, side: Side) =>
  `indicator,country,year,value,source\nhomicide_rate,${w.country[side]},${1900 + w.next()},12.5,Matrix\n`;

export const resultsRouteCases: Record<string, RouteCase> = {
  "POST /api/initiatives/:id/results": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    async prepare(w, _a, side) {
      const initiative = await created<{ code: string }>(w, "/api/initiatives", {
        code: `R${w.next()}`,
        title: { en: "Matrix initiative" },
        component: "A",
        lead_country: w.country[side],
        budget: { amount: "1000.00", currency: "USD" },
      });
      return {
        request: {
          method: "POST",
          url: `/api/initiatives/${initiative.code}/results`,
          payload: definition(),
        },
      };
    },
  },
  "PATCH /api/results-indicators/:id": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    async prepare(w, _a, side) {
      const { indicator } = await resultsIndicator(w, side);
      return {
        request: {
          method: "PATCH",
          url: `/api/results-indicators/${indicator.id}`,
          payload: { unit: "trained people" },
        },
      };
    },
  },
  "POST /api/results-indicators/:id/actuals": {
    allowed: ownFocal,
    deniedStatus: hiddenDraft,
    async prepare(w, _a, side) {
      const { indicator } = await resultsIndicator(w, side);
      return {
        request: {
          method: "POST",
          url: `/api/results-indicators/${indicator.id}/actuals`,
          payload: { year: 2013, value: "40", evidence: "Attendance lists" },
        },
      };
    },
  },
  "POST /api/indicators/import/preview": {
    allowed: (actor) => isStaff(actor) || actor === "focal_point",
    prepare: async (w, _a, side) => ({
      request: csv("/api/indicators/import/preview", observationsCsv(w, side)),
    }),
  },
  "POST /api/indicators/import": {
    allowed: ownFocal,
    deniedStatus: (actor, side) => (actor === "focal_point" && side === "other" ? 400 : 403),
    prepare: async (w, _a, side) => ({
      request: csv("/api/indicators/import", observationsCsv(w, side)),
    }),
  },
};
