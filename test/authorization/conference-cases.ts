import type { RouteCase } from "./cases.ts";
import type { ActorName, MatrixWorld } from "./world.ts";

/**
 * The conference record's writes: its sessions, delegations, documents and preparatory
 * contributions, and the Group of Friends' join dates, are the secretariat's (and admins')
 * to keep; everyone else is refused, whatever the organization.
 */
const staffOnly = (actor: ActorName) => actor === "secretariat" || actor === "admin";

async function post<T = { id: string }>(w: MatrixWorld, url: string, payload: object) {
  const response = await w.t.request<T>({ method: "POST", url, payload });
  if (response.status >= 300) throw new Error(`fixture ${url}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const conference = (w: MatrixWorld) =>
  post(w, "/api/conferences", {
    code: `CONF-${w.next()}`,
    name: { es: "Grupo de Amigos", en: "Group of Friends" },
    city: "Washington",
    country: "US",
    start_date: "2013-03-12",
    end_date: "2013-03-13",
  });

/** A member of the Group of Friends: the matrix's partner of this side, flagged. */
async function friend(w: MatrixWorld): Promise<string> {
  const id = w.partner.own.id;
  await w.t.request({
    method: "PATCH",
    url: `/api/organizations/${id}`,
    payload: { group_of_friends: true },
  });
  return id;
}

const payloads: Record<string, (w: MatrixWorld) => Promise<object>> = {
  sessions: async () => ({
    day: "2013-03-12",
    starts_at: "10:00",
    ends_at: "12:00",
    title: { es: "Sesión", en: "Session" },
    illustrative: true,
  }),
  delegations: async (w) => ({
    organization_id: w.partner.own.id,
    level: "ambassador",
    head_title: { es: "Embajador", en: "Ambassador" },
    illustrative: true,
  }),
  documents: async () => ({
    kind: "report",
    title: { es: "Informe", en: "Report" },
    url: "https://example.org/report",
  }),
  contributions: async (w) => ({
    organization_id: await friend(w),
    description: { es: "Reunión preparatoria", en: "Preparatory meeting" },
    illustrative: true,
  }),
};

function partCases(kind: string): Record<string, RouteCase> {
  return {
    [`POST /api/conferences/:id/${kind}`]: {
      allowed: staffOnly,
      async prepare(w) {
        const { id } = await conference(w);
        return {
          request: {
            method: "POST",
            url: `/api/conferences/${id}/${kind}`,
            payload: (await payloads[kind]?.(w)) ?? {},
          },
        };
      },
    },
    [`PUT /api/conferences/:id/${kind}/:partId`]: {
      allowed: staffOnly,
      async prepare(w) {
        const { id } = await conference(w);
        const payload = (await payloads[kind]?.(w)) ?? {};
        const part = await post(w, `/api/conferences/${id}/${kind}`, payload);
        return {
          request: { method: "PUT", url: `/api/conferences/${id}/${kind}/${part.id}`, payload },
        };
      },
    },
    [`DELETE /api/conferences/:id/${kind}/:partId`]: {
      allowed: staffOnly,
      async prepare(w) {
        const { id } = await conference(w);
        const part = await post(
          w,
          `/api/conferences/${id}/${kind}`,
          (await payloads[kind]?.(w)) ?? {},
        );
        return { request: { method: "DELETE", url: `/api/conferences/${id}/${kind}/${part.id}` } };
      },
    },
  };
}

export const conferenceRouteCases: Record<string, RouteCase> = {
  ...partCases("sessions"),
  ...partCases("delegations"),
  ...partCases("documents"),
  ...partCases("contributions"),
  "PUT /api/group-of-friends/:id": {
    allowed: staffOnly,
    prepare: async (w) => ({
      request: {
        method: "PUT",
        url: `/api/group-of-friends/${await friend(w)}`,
        payload: { joined_on: "2011-06-07", illustrative: true },
      },
    }),
  },
};
