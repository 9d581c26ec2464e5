import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld } from "./world.ts";

/**
 * The good practices library: written, edited, published, withdrawn and discarded by the
 * secretariat (and admins); every other role is refused, whatever the organization.
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

/** Slugs numbered apart from the world's counter, which other fixtures use as years. */
let slugs = 0;
const practice = (_w: MatrixWorld) => ({
  slug: `matrix-${++slugs}`,
  title: "Matrix practice",
  summary: "A practice written by the matrix.",
  body: "Its **body**.",
  language: "en",
  source: { kind: "mechanism", name: "CICAD", citation: "CICAD, a public report" },
});

async function draft(w: MatrixWorld): Promise<{ id: string; version: number }> {
  const response = await w.t.request<{ id: string; version: number }>({
    method: "POST",
    url: "/api/practices",
    payload: practice(w),
  });
  if (response.status >= 300) throw new Error(`fixture practice: ${JSON.stringify(response.body)}`);
  return response.body;
}

export const practiceRouteCases: Record<string, RouteCase> = {
  "POST /api/practices": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: { method: "POST", url: "/api/practices", payload: practice(w) },
    }),
  },
  "PUT /api/practices/:id": {
    allowed: staffOnly,
    async prepare(w) {
      const { id } = await draft(w);
      return {
        request: {
          method: "PUT",
          url: `/api/practices/${id}`,
          payload: { ...practice(w), title: "Edited by the matrix" },
        },
      };
    },
  },
  "PUT /api/practices/:id/status": {
    allowed: staffOnly,
    async prepare(w) {
      const { id } = await draft(w);
      return {
        request: {
          method: "PUT",
          url: `/api/practices/${id}/status`,
          payload: { status: "published" },
        },
      };
    },
  },
  "DELETE /api/practices/:id": {
    allowed: staffOnly,
    async prepare(w) {
      const { id } = await draft(w);
      return { request: { method: "DELETE", url: `/api/practices/${id}` } };
    },
  },
};
