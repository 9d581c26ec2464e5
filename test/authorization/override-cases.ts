import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld, Side } from "./world.ts";

/**
 * Over-disbursement requests: a partner asks for its own organization only; the secretariat
 * or an admin decides — never a partner, not even on its own request.
 */
const isStaff = (actor: ActorName) => actor === "secretariat" || actor === "admin";

async function publishedInitiative(w: MatrixWorld): Promise<string> {
  const created = await w.t.request<{ id: string; code: string }>({
    method: "POST",
    url: "/api/initiatives",
    payload: {
      code: `OD${w.next()}`,
      title: { en: "Matrix override initiative" },
      component: "A",
      lead_country: w.country.own,
      budget: { amount: "1000.00", currency: "USD" },
    },
  });
  const code = created.body.code;
  for (const [url, payload] of [
    [`/api/initiatives/${code}/transitions`, { to: "submitted" }],
    [`/api/initiatives/${code}/publication`, { published: true }],
  ] as const) {
    const response = await w.t.request({ method: "POST", url, payload });
    if (response.status >= 300) throw new Error(`fixture ${url}: ${JSON.stringify(response.body)}`);
  }
  return created.body.id;
}

/** No commitment at all: any disbursement is above it. */
async function requestPayload(w: MatrixWorld, side: Side) {
  return {
    partner_id: w.partner[side].id,
    initiative_id: await publishedInitiative(w),
    value: { amount: "50.00", currency: "USD" },
    value_date: "2012-06-01",
    reason: "Matrix emergency advance",
  };
}

/** A request of the own (IDB) or other (Spain) partner, asked by that partner. */
async function pendingRequest(w: MatrixWorld, side: Side): Promise<string> {
  const partner = await w.t.signIn({ role: "partner", organization: w.partner[side].code });
  const response = await partner.request<{ id: string }>({
    method: "POST",
    url: "/api/over-disbursement-requests",
    payload: await requestPayload(w, side),
  });
  if (response.status !== 201) throw new Error(`fixture request: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export const overrideRouteCases: Record<string, RouteCase> = {
  "POST /api/over-disbursement-requests": {
    allowed: (actor, side) => actor === "partner" && side === "own",
    prepare: async (w, _a, side) => ({
      request: {
        method: "POST",
        url: "/api/over-disbursement-requests",
        payload: await requestPayload(w, side),
      },
    }),
  },
  "POST /api/over-disbursement-requests/:id/approval": {
    allowed: isStaff,
    prepare: async (w, _a, side) => ({
      request: {
        method: "POST",
        url: `/api/over-disbursement-requests/${await pendingRequest(w, side)}/approval`,
        payload: { note: "Matrix approval" },
      },
    }),
  },
  "POST /api/over-disbursement-requests/:id/refusal": {
    allowed: isStaff,
    prepare: async (w, _a, side) => ({
      request: {
        method: "POST",
        url: `/api/over-disbursement-requests/${await pendingRequest(w, side)}/refusal`,
        payload: { note: "Matrix refusal" },
      },
    }),
  },
};
