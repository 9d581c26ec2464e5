import { importResolution, shippedResolutionFile } from "../../src/modules/mandates/index.ts";
import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld } from "./world.ts";

/**
 * The mandate routes: statuses, evidence and which initiatives answer a paragraph are the
 * secretariat's (and admins') to set; everyone else is refused, whatever the organization.
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

const mandateIds = new WeakMap<MatrixWorld, Map<number, string>>();

/** AG/RES. 2626 imported once into the matrix's world; ¶n's mandate id. */
async function mandate(w: MatrixWorld, paragraph: number): Promise<string> {
  let ids = mandateIds.get(w);
  if (!ids) {
    ids = (await importResolution({ db: w.t.handle.db, file: shippedResolutionFile() })).mandateIds;
    mandateIds.set(w, ids);
  }
  const id = ids.get(paragraph);
  if (!id) throw new Error(`fixture: no ¶${paragraph}`);
  return id;
}

async function initiative(w: MatrixWorld): Promise<string> {
  const response = await w.t.request<{ id: string }>({
    method: "POST",
    url: "/api/initiatives",
    payload: {
      code: `MD${w.next()}`,
      title: { en: "Initiative answering a paragraph" },
      component: "A",
      lead_country: w.country.own,
      budget: { amount: "1000.00", currency: "USD" },
    },
  });
  if (response.status >= 300)
    throw new Error(`fixture initiative: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export const mandateRouteCases: Record<string, RouteCase> = {
  "PUT /api/mandates/:id/statuses/:period": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: {
        method: "PUT",
        url: `/api/mandates/${await mandate(w, 7)}/statuses/2011-2012`,
        payload: { status: "in_progress", note: `Step ${w.next()}` },
      },
    }),
  },
  "POST /api/mandates/:id/evidence": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: {
        method: "POST",
        url: `/api/mandates/${await mandate(w, 7)}/evidence`,
        payload: { kind: "initiative", target_id: await initiative(w) },
      },
    }),
  },
  "DELETE /api/mandates/:id/evidence/:evidenceId": {
    allowed: staffOnly,
    async prepare(w) {
      const id = await mandate(w, 7);
      const evidence = await w.t.request<{ id: string }>({
        method: "POST",
        url: `/api/mandates/${id}/evidence`,
        payload: { kind: "initiative", target_id: await initiative(w) },
      });
      return {
        request: { method: "DELETE", url: `/api/mandates/${id}/evidence/${evidence.body.id}` },
      };
    },
  },
  "PUT /api/mandates/:id/initiatives/:initiativeId": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: {
        method: "PUT",
        url: `/api/mandates/${await mandate(w, 3)}/initiatives/${await initiative(w)}`,
      },
    }),
  },
  "DELETE /api/mandates/:id/initiatives/:initiativeId": {
    allowed: staffOnly,
    async prepare(w) {
      const id = await mandate(w, 3);
      const initiativeId = await initiative(w);
      await w.t.request({ method: "PUT", url: `/api/mandates/${id}/initiatives/${initiativeId}` });
      return {
        request: { method: "DELETE", url: `/api/mandates/${id}/initiatives/${initiativeId}` },
      };
    },
  },
};
