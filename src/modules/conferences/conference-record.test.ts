import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/app.ts";
import type { ConferenceDetail, GroupOfFriends } from "../../contracts/conferences.ts";
import { figureToMinorUnits } from "../../contracts/money.ts";
import { type LedgerWorld, openLedgerWorld } from "../funding/funding.fixtures.ts";

interface ErrorBody {
  error: { code: string; reason?: string; details: Array<{ path: string; message: string }> };
}
type Answer = ConferenceDetail & ErrorBody;

const cents = (figure: string) => figureToMinorUnits(figure, "USD");
const conference = (code: string, start = "2011-06-22", end = "2011-06-23") => ({
  code,
  name: { es: `Conferencia ${code}`, en: `Conference ${code}` },
  city: "Guatemala City",
  country: "GT",
  start_date: start,
  end_date: end,
  source: "SEGIB",
});
const session = (day: string, starts_at: string, ends_at: string, extra: object = {}) => ({
  day,
  starts_at,
  ends_at,
  title: { es: "Sesión plenaria", en: "Plenary session" },
  source: "Programme of the conference",
  ...extra,
});

describe("a conference as a record of its own", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let conferenceId: string;
  let plenaryId: string;
  let otherSessionId: string;
  const pledge = (extra: object) => ({
    flow_type: "pledge",
    support_kind: "financial",
    partner_id: w.partners.IDB,
    value: { amount: "500000000.00", currency: "USD" },
    value_date: "2011-06-22",
    finance_type: "421",
    ...extra,
  });
  const read = (send: TestApp["request"], id = conferenceId) =>
    send<Answer>({ method: "GET", url: `/api/conferences/${id}` });

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const created = await t.request<Answer>({
      method: "POST",
      url: "/api/conferences",
      payload: conference("GUA-2011"),
    });
    expect(created.status).toBe(201);
    conferenceId = created.body.id;
    const other = await t.request<Answer>({
      method: "POST",
      url: "/api/conferences",
      payload: conference("WDC-2013", "2013-03-12", "2013-03-12"),
    });
    const plenary = await t.request<{ id: string }>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/sessions`,
      payload: session("2011-06-22", "15:00", "18:00"),
    });
    expect(plenary.status).toBe(201);
    plenaryId = plenary.body.id;
    const elsewhere = await t.request<{ id: string }>({
      method: "POST",
      url: `/api/conferences/${other.body.id}/sessions`,
      payload: session("2013-03-12", "10:00", "12:00"),
    });
    otherSessionId = elsewhere.body.id;
  });
  afterAll(async () => t.close());

  it("keeps a draft from the public until the secretariat publishes it", async () => {
    expect((await read(t.anonymous)).status).toBe(404);
    const list = await t.anonymous<{ data: Array<{ code: string }> }>({
      method: "GET",
      url: "/api/conferences",
    });
    expect(list.body.data.map((c) => c.code)).not.toContain("GUA-2011");
    const published = await t.request<Answer>({
      method: "PATCH",
      url: `/api/conferences/${conferenceId}`,
      payload: { status: "published" },
    });
    expect(published.body).toMatchObject({ status: "published" });
    expect(published.body.published_at).not.toBeNull();
    const seen = await read(t.anonymous);
    expect(seen.status).toBe(200);
    expect(seen.body.sessions.map((s) => [s.day, s.starts_at, s.title.en])).toEqual([
      ["2011-06-22", "15:00", "Plenary session"],
    ]);
  });

  it("refuses a session outside the conference's days, or ending before it starts, naming the field", async () => {
    const outside = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/sessions`,
      payload: session("2011-06-24", "09:00", "10:00"),
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.map((d) => d.path)).toEqual(["day"]);
    const backwards = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/sessions`,
      payload: session("2011-06-22", "10:00", "09:00"),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.map((d) => d.path)).toEqual(["ends_at"]);
    const unsourced = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/sessions`,
      payload: { ...session("2011-06-22", "09:00", "10:00"), source: undefined },
    });
    expect(unsourced.body.error.details.map((d) => d.path)).toEqual(["source"]);
    expect((await read(t.request)).body.sessions).toHaveLength(1);
  });

  it("replaces a session with the version it was read at, and refuses a stale one", async () => {
    const replaced = await t.request<{ id: string }>({
      method: "PUT",
      url: `/api/conferences/${conferenceId}/sessions/${plenaryId}`,
      payload: session("2011-06-22", "15:00", "18:30", {
        version: 1,
        chair_organization_id: w.guatemala,
        chair_role: { es: "Presidente de la República", en: "President of the Republic" },
      }),
    });
    expect(replaced.status).toBe(200);
    const stale = await t.request<ErrorBody>({
      method: "PUT",
      url: `/api/conferences/${conferenceId}/sessions/${plenaryId}`,
      payload: session("2011-06-22", "15:00", "19:00", { version: 1 }),
    });
    expect(stale.status).toBe(409);
    const [only] = (await read(t.anonymous)).body.sessions;
    expect(only).toMatchObject({ ends_at: "18:30", version: 2 });
    expect(only?.chair?.role?.en).toBe("President of the Republic");
  });

  it("keeps a head of delegation's name only when the public record names them", async () => {
    const unnamed = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/delegations`,
      payload: {
        organization_id: w.partners.ES,
        level: "minister",
        head_title: { es: "Ministra de Asuntos Exteriores", en: "Minister of Foreign Affairs" },
        head_name: "A person",
        source: "EFE",
      },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.details.map((d) => d.path)).toEqual(["head_name_published"]);
    for (const [organization_id, head_name] of [
      [w.partners.ES, undefined],
      [w.partners.IDB, "Luis Alberto Moreno"],
    ] as const) {
      const added = await t.request({
        method: "POST",
        url: `/api/conferences/${conferenceId}/delegations`,
        payload: {
          organization_id,
          level: head_name ? "head_of_organization" : "minister",
          head_title: { es: "Jefe de delegación", en: "Head of delegation" },
          ...(head_name ? { head_name, head_name_published: true } : {}),
          source: "Press release",
        },
      });
      expect(added.status).toBe(201);
    }
    const twice = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/delegations`,
      payload: {
        organization_id: w.partners.ES,
        level: "ambassador",
        head_title: { es: "Embajador", en: "Ambassador" },
        illustrative: true,
      },
    });
    expect(twice.status).toBe(409);
    const names = (await read(t.anonymous)).body.delegations.map((d) => [
      d.organization.id,
      d.head_name,
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        [w.partners.ES, null],
        [w.partners.IDB, "Luis Alberto Moreno"],
      ]),
    );
  });

  it("takes preparatory contributions from members of the Group of Friends only", async () => {
    const payload = (organization_id: string) => ({
      organization_id,
      description: { es: "Acogió una reunión preparatoria", en: "Hosted a preparatory meeting" },
      contributed_on: "2011-05-10",
      illustrative: true,
    });
    const outsider = await t.request<ErrorBody>({
      method: "POST",
      url: `/api/conferences/${conferenceId}/contributions`,
      payload: payload(w.partners.ES),
    });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details.map((d) => d.path)).toEqual(["organization_id"]);
    await t.request({
      method: "PATCH",
      url: `/api/organizations/${w.partners.ES}`,
      payload: { group_of_friends: true },
    });
    const member = await t.request({
      method: "POST",
      url: `/api/conferences/${conferenceId}/contributions`,
      payload: payload(w.partners.ES),
    });
    expect(member.status).toBe(201);
  });

  it("tags a pledge to the conference and one of its sessions, and refuses what does not fit", async () => {
    const foreign = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/flows",
      payload: pledge({ conference_id: conferenceId, conference_session_id: otherSessionId }),
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details.map((d) => d.path)).toEqual(["conference_session_id"]);
    const commitment = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/flows",
      payload: pledge({ flow_type: "commitment", conference_id: conferenceId }),
    });
    expect(commitment.status).toBe(400);
    expect(commitment.body.error.details.map((d) => d.path)).toEqual(["conference_id"]);
    const alone = await t.request<ErrorBody>({
      method: "POST",
      url: "/api/flows",
      payload: pledge({ conference_session_id: plenaryId }),
    });
    expect(alone.body.error.details.map((d) => d.path)).toEqual(["conference_id"]);
    const flows = await t.request<{ page: { total: number } }>({
      method: "GET",
      url: `/api/flows?conference_id=${conferenceId}`,
    });
    expect(flows.body.page.total).toBe(0);
  });

  it("adds up the announcements, and what was committed and disbursed against them, from the roll-up", async () => {
    const record = async (payload: object) => {
      const response = await t.request<{ id: string }>({
        method: "POST",
        url: "/api/flows",
        payload,
      });
      expect(response.status).toBe(201);
      return response.body.id;
    };
    const idb = await record(
      pledge({ conference_id: conferenceId, conference_session_id: plenaryId }),
    );
    await record(
      pledge({
        partner_id: w.partners.ES,
        value: { amount: "150000000.00", currency: "USD" },
        finance_type: "110",
        conference_id: conferenceId,
      }),
    );
    const wrong = await record(pledge({ partner_id: w.partners.EU, conference_id: conferenceId }));
    await t.request({
      method: "POST",
      url: `/api/flows/${wrong}/reversal`,
      payload: { reason: "Recorded under the wrong partner" },
    });
    const committed = await record({
      ...pledge({ flow_type: "commitment", pledge_id: idb }),
      component_id: w.components.B,
      value: { amount: "35000000.00", currency: "USD" },
      value_date: "2012-02-15",
    });
    // Committed by the IDB, but against no conference pledge: not the conference's.
    await record({
      ...pledge({ flow_type: "commitment" }),
      component_id: w.components.B,
      value: { amount: "10000000.00", currency: "USD" },
      value_date: "2012-02-15",
    });
    await record({
      ...pledge({ flow_type: "disbursement", commitment_id: committed }),
      component_id: w.components.B,
      value: { amount: "9000000.00", currency: "USD" },
      value_date: "2012-08-01",
    });

    const { body } = await read(t.anonymous);
    expect(body.funding.total).toEqual({
      announced: "650000000.00",
      committed: "35000000.00",
      disbursed: "9000000.00",
    });
    for (const measure of ["announced", "committed", "disbursed"] as const) {
      const sum = body.funding.rows.reduce((s, row) => s + cents(row.figures[measure]), 0n);
      expect(sum).toBe(cents(body.funding.total[measure]));
    }
    expect(body.announcements.map((a) => [a.partner.id, a.session_id])).toEqual([
      [w.partners.IDB, plenaryId],
      [w.partners.ES, null],
    ]);
    const announced = body.announcements.reduce(
      (s, a) => s + cents(a.value_usd?.amount ?? "0"),
      0n,
    );
    expect(announced).toBe(cents(body.funding.total.announced));
    // The public roll-up filtered to the conference says the same.
    const summary = await t.anonymous<{ total: Record<string, string | null> }>({
      method: "GET",
      url: `/api/funding/summary?conference=${conferenceId}`,
    });
    expect(summary.status).toBe(200);
    expect(summary.body.total).toMatchObject({ ...body.funding.total, budget: null });

    const removal = await t.request<ErrorBody>({
      method: "DELETE",
      url: `/api/conferences/${conferenceId}/sessions/${plenaryId}`,
    });
    expect(removal.status).toBe(409);
    expect(removal.body.error.reason).toBe("session_has_pledges");
  });

  it("lists the Group of Friends with when each joined and what each gave, summing to the total", async () => {
    const refused = await t.request<ErrorBody>({
      method: "PUT",
      url: `/api/group-of-friends/${w.partners.EU}`,
      payload: { joined_on: "2011-01-01", source: "SRE México" },
    });
    expect(refused.status).toBe(422);
    const joined = await t.request({
      method: "PUT",
      url: `/api/group-of-friends/${w.partners.ES}`,
      payload: { joined_on: "2010-11-01", illustrative: true },
    });
    expect(joined.status).toBe(200);
    const group = await t.anonymous<GroupOfFriends>({
      method: "GET",
      url: "/api/group-of-friends",
    });
    expect(group.status).toBe(200);
    expect(group.body.members.map((m) => m.organization.id)).toEqual([w.partners.ES]);
    const [spain] = group.body.members;
    expect(spain?.joined).toEqual({ on: "2010-11-01", illustrative: true, source: null });
    expect(spain?.figures.announced).toBe("150000000.00");
    expect(spain?.contributions.map((c) => c.description.en)).toEqual([
      "Hosted a preparatory meeting",
    ]);
    expect(group.body.total).toEqual(spain?.figures);
    expect(JSON.stringify(group.body)).not.toContain("@");
  });
});
