import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp, TestSession } from "../../../test/support/app.ts";
import type { InitiativeStatus } from "../../contracts/enums.ts";
import { englishFieldLabel } from "../../contracts/field-labels.ts";
import { AppError } from "../../platform/errors.ts";
import { type Principal, systemPrincipal, type UserPrincipal } from "../accounts/index.ts";
import type { Flow, RecordFlowInput } from "./flows.schema.ts";
import {
  countFlows,
  type ErrorBody,
  insertInitiative,
  type LedgerWorld,
  openLedgerWorld,
} from "./funding.fixtures.ts";
import { recordFlows } from "./record-flows.ts";

/**
 * The ledger answers an initiative its writer may not read (a draft, or one submitted but not
 * yet published, of a country not theirs) exactly as an id that names nothing, on every path
 * that records support, so that the ledger cannot tell which ids belong to drafts.
 */
describe("recording support against initiatives the writer may not read", () => {
  let t: TestApp;
  let w: LedgerWorld;
  const ids = {} as Record<"published" | "draft" | "submitted", string>;
  /** Entries of IDB on the unpublished initiatives, recorded by the secretariat for IDB. */
  const idb = {} as Record<"pledge" | "commitment", string>;
  let partner: TestSession;
  let partnerPrincipal: UserPrincipal;
  let focalPoints: Record<"HN" | "GT", { session: TestSession; principal: UserPrincipal }>;
  let secretariat: TestSession;

  const principalOf = (
    session: TestSession,
    role: UserPrincipal["role"],
    organizationId: string,
    country: string | null,
  ): UserPrincipal => ({
    kind: "user",
    userId: session.userId,
    email: session.email,
    role,
    organizationId,
    organizationKind: country ? "member_state" : "international_org",
    country,
    via: "session",
  });

  beforeAll(async () => {
    ({ t, w } = await openLedgerWorld());
    const initiative = (code: string, status: InitiativeStatus, published = false) =>
      insertInitiative(t.handle.db, {
        code,
        componentId: w.components.A,
        leadCountry: "GT",
        budgetUsdMinor: 100_000_000n,
        status,
        published,
      });
    ids.published = await initiative("AP1", "seeking_funding", true);
    ids.draft = await initiative("AD1", "draft");
    ids.submitted = await initiative("AS1", "submitted");
    partner = await t.signIn({ role: "partner", organization: "EU", kind: "international_org" });
    partnerPrincipal = principalOf(partner, "partner", w.partners.EU, null);
    const focal = async (country: "HN" | "GT") => {
      const session = await t.signIn({ role: "focal_point", organization: country });
      const org = await t.handle.db
        .selectFrom("organizations")
        .select("id")
        .where("code", "=", country)
        .executeTakeFirstOrThrow();
      return { session, principal: principalOf(session, "focal_point", org.id, country) };
    };
    focalPoints = { HN: await focal("HN"), GT: await focal("GT") };
    secretariat = await t.signIn({ role: "secretariat", organization: "SICA-DSD" });
    const pledge = await secretariat.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: { ...entry(ids.draft), partner_id: w.partners.IDB },
    });
    expect(pledge.status).toBe(201);
    idb.pledge = pledge.body.id;
    const commitment = await secretariat.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: {
        ...entry(ids.submitted),
        flow_type: "commitment",
        partner_id: w.partners.IDB,
      },
    });
    expect(commitment.status).toBe(201);
    idb.commitment = commitment.body.id;
  });
  afterAll(async () => t.close());

  function entry(initiativeId: string, partnerId?: string): RecordFlowInput {
    return {
      flow_type: "pledge",
      support_kind: "financial",
      partner_id: partnerId ?? w.partners.EU,
      initiative_id: initiativeId,
      value: { amount: "250000", currency: "USD" },
      value_date: "2011-06-22",
      illustrative: false,
    };
  }

  /** A refusal with the ids it was about taken out, to compare the shape of two refusals. */
  const withoutIds = (body: unknown, ...idsUsed: string[]) =>
    JSON.parse(
      idsUsed.reduce((text, id) => text.replaceAll(id, "<id>"), JSON.stringify(body)),
    ) as unknown;

  async function refusalOfBulk(
    principal: Principal,
    entries: RecordFlowInput[],
  ): Promise<AppError> {
    const error = await recordFlows({ db: t.handle.db, entries, principal }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  const shapeOf = (error: AppError, ...idsUsed: string[]) =>
    withoutIds(
      {
        code: error.code,
        message: error.message,
        details: error.details,
        reason: error.reason,
        context: error.context,
      },
      ...idsUsed,
    );

  it("refuses a partner a draft's or an unpublished initiative's id word for word as a missing id", async () => {
    const before = await countFlows(t.handle.db);
    const missing = randomUUID();
    const answer = async (id: string) => {
      const response = await partner.request<ErrorBody>({
        method: "POST",
        url: "/api/flows",
        payload: entry(id),
      });
      return { status: response.status, body: withoutIds(response.body, id) };
    };
    const expected = await answer(missing);
    expect(expected).toEqual({
      status: 422,
      body: {
        error: expect.objectContaining({
          code: "unprocessable",
          message: "Initiative: no initiative has this id",
          details: [
            { path: "initiative_id", label: "Initiative", message: "no initiative has this id" },
          ],
        }),
      },
    });
    for (const id of [ids.draft, ids.submitted]) expect(await answer(id)).toEqual(expected);
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("refuses the same in a bulk recording, naming the entry, and writes none of it", async () => {
    const before = await countFlows(t.handle.db);
    const missing = randomUUID();
    const batch = (id: string) => [entry(ids.published), entry(id)];
    const expected = await refusalOfBulk(partnerPrincipal, batch(missing));
    expect(expected).toMatchObject({
      code: "unprocessable",
      message: "entries.1: Initiative: no initiative has this id",
    });
    for (const id of [ids.draft, ids.submitted]) {
      expect(shapeOf(await refusalOfBulk(partnerPrincipal, batch(id)), id)).toEqual(
        shapeOf(expected, missing),
      );
    }
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("answers another country's focal point, and the draft's own, alike for a draft and a missing id", async () => {
    const before = await countFlows(t.handle.db);
    const missing = randomUUID();
    for (const { session, principal } of [focalPoints.HN, focalPoints.GT]) {
      const single = async (id: string) => {
        const response = await session.request<ErrorBody>({
          method: "POST",
          url: "/api/flows",
          payload: entry(id),
        });
        return { status: response.status, body: withoutIds(response.body, id) };
      };
      const expected = await single(missing);
      expect(expected.status).toBe(403);
      expect(await single(ids.draft)).toEqual(expected);
      const bulk = shapeOf(await refusalOfBulk(principal, [entry(missing)]), missing);
      expect(bulk).toMatchObject({ code: "forbidden" });
      expect(shapeOf(await refusalOfBulk(principal, [entry(ids.draft)]), ids.draft)).toEqual(bulk);
    }
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("answers another partner's pledge or commitment on an unpublished initiative as a missing one", async () => {
    const before = await countFlows(t.handle.db);
    const missing = randomUUID();
    const cases = [
      { field: "pledge_id", flow_type: "commitment", hidden: idb.pledge },
      { field: "commitment_id", flow_type: "disbursement", hidden: idb.commitment },
    ] as const;
    for (const { field, flow_type, hidden } of cases) {
      const payload = (priorId: string) => ({
        ...entry(ids.published),
        flow_type,
        [field]: priorId,
      });
      const single = async (priorId: string) => {
        const response = await partner.request<ErrorBody>({
          method: "POST",
          url: "/api/flows",
          payload: payload(priorId),
        });
        return { status: response.status, body: withoutIds(response.body, priorId) };
      };
      const expected = await single(missing);
      expect(expected.status).toBe(422);
      expect(expected.body).toMatchObject({
        error: {
          message: `${englishFieldLabel(field)}: no ${field.replace("_id", "")} has this id`,
        },
      });
      expect(await single(hidden)).toEqual(expected);
      expect(
        shapeOf(
          await refusalOfBulk(partnerPrincipal, [payload(hidden) as RecordFlowInput]),
          hidden,
        ),
      ).toEqual(
        shapeOf(
          await refusalOfBulk(partnerPrincipal, [payload(missing) as RecordFlowInput]),
          missing,
        ),
      );
    }
    expect(await countFlows(t.handle.db)).toBe(before);
  });

  it("still tells a partner that a pledge on a published initiative is another partner's", async () => {
    const pledge = await secretariat.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: entry(ids.published, w.partners.IDB),
    });
    expect(pledge.status).toBe(201);
    const response = await partner.request<ErrorBody>({
      method: "POST",
      url: "/api/flows",
      payload: { ...entry(ids.published), flow_type: "commitment", pledge_id: pledge.body.id },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe("Pledge: this pledge belongs to another partner");
  });

  // For other partners than EU: a partner reads its own entries, whatever their initiative.
  it("lets partners record on published initiatives, and the secretariat and the system on drafts", async () => {
    const published = await partner.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: entry(ids.published),
    });
    expect(published.status).toBe(201);
    expect(published.body.initiative_id).toBe(ids.published);
    const byStaff = await secretariat.request<Flow>({
      method: "POST",
      url: "/api/flows",
      payload: entry(ids.draft, w.partners.IDB),
    });
    expect(byStaff.status).toBe(201);
    expect(byStaff.body.initiative_id).toBe(ids.draft);
    const office = await t.handle.db
      .selectFrom("organizations")
      .select("id")
      .where("code", "=", "SICA-DSD")
      .executeTakeFirstOrThrow();
    const secretariatPrincipal = principalOf(secretariat, "secretariat", office.id, null);
    for (const principal of [systemPrincipal("iati-sync"), secretariatPrincipal]) {
      const flows = await recordFlows({
        db: t.handle.db,
        entries: [entry(ids.draft, w.partners.IDB), entry(ids.submitted, w.partners.ES)],
        principal,
      });
      expect(flows.map((flow) => flow.initiative_id)).toEqual([ids.draft, ids.submitted]);
    }
  });

  it("lists and sums a draft's flows to those who may not read it exactly as a missing initiative's", async () => {
    const missing = randomUUID();
    const viewers = [
      (request: Parameters<TestApp["anonymous"]>[0]) => t.anonymous(request),
      partner.request,
      focalPoints.HN.session.request,
    ];
    for (const view of viewers) {
      for (const url of ["/api/flows?initiative_id=", "/api/funding/summary?initiative="]) {
        const read = async (id: string) => {
          const response = await view({ method: "GET", url: `${url}${id}` });
          return { status: response.status, body: withoutIds(response.body, id) };
        };
        const expected = await read(missing);
        expect(expected.status).toBe(200);
        expect(await read(ids.draft)).toEqual(expected);
        expect(await read(ids.submitted)).toEqual(expected);
      }
      const flow = async (id: string) => {
        const response = await view({ method: "GET", url: `/api/flows/${id}` });
        return { status: response.status, body: withoutIds(response.body, id) };
      };
      const expected = await flow(missing);
      expect(expected.status).toBe(404);
      expect(await flow(idb.pledge)).toEqual(expected);
    }
    const staffView = await secretariat.request<{ data: Flow[] }>({
      method: "GET",
      url: `/api/flows?initiative_id=${ids.draft}`,
    });
    expect(staffView.body.data.length).toBeGreaterThan(0);
  });
});
