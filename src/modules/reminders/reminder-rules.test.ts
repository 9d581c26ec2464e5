import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import type { ReminderItem, ReminderList, ReminderRule } from "../../contracts/reminders.ts";
import {
  insertInitiative,
  type LedgerWorld,
  setUpLedgerWorld,
} from "../funding/funding.fixtures.ts";
import { importResolution, shippedResolutionFile } from "../mandates/index.ts";
import { findOpenItems } from "./find-open-items.ts";
import { scheduleReminderCheck } from "./schedule-reminders.ts";

/** Every check is asked as of one fixed day, so no item depends on the day the test runs. */
const AS_OF = "2013-03-01";
const thresholds = { pledgeMonths: 6, commitmentMonths: 12 };

describe("reminder rules: each item appears, then closes by itself once fixed", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let idb: TestSession;
  let secretariat: TestSession;
  let initiative: string;
  const open = async (rule: ReminderRule) =>
    (await findOpenItems({ db: t.handle.db, thresholds, asOf: AS_OF })).items.filter(
      (i) => i.rule === rule,
    );
  const recordIds = (items: ReminderItem[]) => items.map((i) => i.record.id);
  const flow = async (payload: object) => {
    const response = await idb.request<{ id: string }>({
      method: "POST",
      url: "/api/flows",
      payload: {
        support_kind: "financial",
        partner_id: w.partners.IDB,
        initiative_id: initiative,
        source: "IDB press release",
        ...payload,
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id;
  };
  const reverse = async (id: string) => {
    const response = await idb.request({
      method: "POST",
      url: `/api/flows/${id}/reversal`,
      payload: { reason: "Entered by mistake" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await setUpLedgerWorld(t);
    idb = await t.signIn({ role: "partner", organization: "IDB" });
    secretariat = await t.signIn({
      role: "secretariat",
      organization: "SICA-DSD",
      kind: "sica_body",
    });
    initiative = await insertInitiative(t.handle.db, {
      code: "RM1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_000n,
      published: true,
    });
    await t.handle.db
      .updateTable("initiatives")
      .set({ source: "Guatemala's submission" })
      .where("id", "=", initiative)
      .execute();
  }, 60_000);
  afterAll(async () => t.close());

  it("a pledge not committed after N months, until a commitment names it or it is reversed", async () => {
    const pledge = await flow({
      flow_type: "pledge",
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2012-01-10",
    });
    const recent = await flow({
      flow_type: "pledge",
      value: { amount: "50.00", currency: "USD" },
      value_date: "2013-01-10",
    });
    const reversed = await flow({
      flow_type: "pledge",
      value: { amount: "70.00", currency: "USD" },
      value_date: "2011-06-22",
    });
    let items = await open("pledge_not_committed");
    expect(recordIds(items).sort()).toEqual([pledge, reversed].sort());
    const item = items.find((i) => i.record.id === pledge);
    expect(item).toMatchObject({
      organization: { id: w.partners.IDB, code: "IDB" },
      since: "2012-07-10",
      age_days: 234,
      value: { amount: "1000.00", currency: "USD" },
      initiative_code: "RM1",
      fix_path: "/workspace/flows",
    });
    expect(recordIds(items)).not.toContain(recent);
    await flow({
      flow_type: "commitment",
      pledge_id: pledge,
      value: { amount: "1000.00", currency: "USD" },
      value_date: "2012-02-01",
    });
    await reverse(reversed);
    items = await open("pledge_not_committed");
    expect(items).toEqual([]);
  });

  it("a commitment with no disbursement after N months, until one is disbursed", async () => {
    const items = await open("commitment_not_disbursed");
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({ since: "2013-02-01", organization: { code: "IDB" } });
    await flow({
      flow_type: "disbursement",
      commitment_id: item?.record.id,
      value: { amount: "400.00", currency: "USD" },
      value_date: "2012-05-01",
    });
    expect(await open("commitment_not_disbursed")).toEqual([]);
  });

  it("a disbursement above its commitment awaiting approval, until the secretariat decides", async () => {
    const asked = await idb.request<{ id: string }>({
      method: "POST",
      url: "/api/over-disbursement-requests",
      payload: {
        partner_id: w.partners.IDB,
        initiative_id: initiative,
        value: { amount: "900.00", currency: "USD" },
        value_date: "2012-06-10",
        reason: "Emergency repairs after the storm",
      },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const items = await open("over_disbursement_pending");
    expect(recordIds(items)).toEqual([asked.body.id]);
    // The secretariat must act: the item is nobody's organization but the secretariat's.
    expect(items[0]?.organization).toBeNull();
    expect(items[0]?.fix_path).toBe("/workspace/over-disbursements");
    const declined = await secretariat.request({
      method: "POST",
      url: `/api/over-disbursement-requests/${asked.body.id}/refusal`,
      payload: { note: "Record an amended commitment instead" },
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(await open("over_disbursement_pending")).toEqual([]);
  });

  it("an initiative in execution without a result for the year, until its country reports one", async () => {
    const running = await insertInitiative(t.handle.db, {
      code: "RM2",
      componentId: w.components.B,
      leadCountry: "GT",
      budgetUsdMinor: 1_000_000n,
      status: "in_execution",
    });
    // With no results framework nothing can be reported: the item is open.
    expect(recordIds(await open("result_not_reported"))).toEqual([running]);
    const indicator = await secretariat.request<{ id: string }>({
      method: "POST",
      url: `/api/initiatives/${running}/results`,
      payload: {
        code: "OUT-1",
        level: "output",
        name: { es: "Jóvenes formados", en: "Young people trained" },
        unit: "people",
        direction: "higher_is_better",
        baseline: { value: "0", year: 2011 },
        targets: [{ value: "500", year: 2014 }],
      },
    });
    expect(indicator.status, JSON.stringify(indicator.body)).toBe(201);
    const report = (year: number) =>
      secretariat.request({
        method: "POST",
        url: `/api/results-indicators/${indicator.body.id}/actuals`,
        payload: { year, value: "120", evidence: "Training records of the programme" },
      });
    // A value for another year reports nothing for 2012.
    expect((await report(2011)).status).toBe(201);
    const items = await open("result_not_reported");
    expect(recordIds(items)).toEqual([running]);
    expect(items[0]).toMatchObject({
      period: "2012",
      since: "2013-01-01",
      organization: { id: w.guatemala, code: "GT" },
      fix_path: `/workspace/initiatives/${running}/results`,
    });
    // A national rate is context, not the initiative's result: it closes nothing.
    await t.request({
      method: "POST",
      url: "/api/indicators",
      payload: {
        code: "homicide_rate",
        name: { es: "Tasa de homicidios", en: "Homicide rate" },
        unit: "per 100,000 inhabitants",
      },
    });
    await t.request({
      method: "POST",
      url: "/api/indicators/homicide_rate/observations",
      payload: { country: "GT", year: 2012, value: "39.9", source: "UNODC" },
    });
    expect(recordIds(await open("result_not_reported"))).toEqual([running]);
    expect((await report(2012)).status).toBe(201);
    expect(await open("result_not_reported")).toEqual([]);
  });

  it("a mandate without a status for the current period, until the secretariat sets one", async () => {
    const { mandateIds } = await importResolution({
      db: t.handle.db,
      file: shippedResolutionFile(),
    });
    const items = await open("mandate_status_missing");
    expect(items.length).toBe(mandateIds.size);
    expect(new Set(items.map((i) => i.period))).toEqual(new Set(["2012-2013"]));
    const seventh = mandateIds.get(7) ?? "";
    expect(recordIds(items)).toContain(seventh);
    const set = await secretariat.request({
      method: "PUT",
      url: `/api/mandates/${seventh}/statuses/2012-2013`,
      payload: { status: "in_progress", note: "Initiatives presented" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const after = await open("mandate_status_missing");
    expect(after.length).toBe(mandateIds.size - 1);
    expect(recordIds(after)).not.toContain(seventh);
  });

  it("a record without a source, until a sourced entry replaces it or the initiative names one", async () => {
    const unsourced = await flow({
      flow_type: "pledge",
      value: { amount: "10.00", currency: "USD" },
      value_date: "2013-02-20",
      source: null,
    });
    const unsourcedInitiative = await insertInitiative(t.handle.db, {
      code: "RM3",
      componentId: w.components.C,
      leadCountry: "GT",
      budgetUsdMinor: 1_000_000n,
      published: true,
    });
    const items = await open("source_missing");
    expect(recordIds(items).sort()).toEqual([unsourced, unsourcedInitiative].sort());
    expect(items.find((i) => i.record.type === "initiative")?.organization?.code).toBe("GT");
    await reverse(unsourced);
    await flow({
      flow_type: "pledge",
      value: { amount: "10.00", currency: "USD" },
      value_date: "2013-02-20",
      source: "IDB board minutes",
    });
    const patched = await t.request({
      method: "PATCH",
      url: `/api/initiatives/${unsourcedInitiative}`,
      payload: { source: "Guatemala's submission, 2011" },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(await open("source_missing")).toEqual([]);
  });

  it("flows blocked by a missing exchange rate, until the rate is added", async () => {
    const put = (date: string) =>
      t.request({
        method: "PUT",
        url: `/api/exchange-rates/GTQ/${date}`,
        payload: { usd_per_unit: "0.128", basis: "monthly_average", source: "Banguat" },
      });
    expect((await put("2012-09-01")).status).toBeLessThan(300);
    await flow({
      flow_type: "pledge",
      value: { amount: "7800.00", currency: "GTQ" },
      value_date: "2012-09-15",
    });
    // The rate the entry was valued with is withdrawn: the entry can no longer be valued.
    await t.handle.db.deleteFrom("exchange_rates").where("currency", "=", "GTQ").execute();
    const items = await open("rate_missing");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      record: { type: "exchange_rate", id: "GTQ:2012-09-15" },
      records: 1,
      organization: null,
      fix_path: "/workspace/exchange-rates",
    });
    expect((await put("2012-09-01")).status).toBeLessThan(300);
    expect(await open("rate_missing")).toEqual([]);
  });

  it("shows each organization its own inbox, and the data-quality page to staff only", async () => {
    await flow({
      flow_type: "pledge",
      value: { amount: "5.00", currency: "USD" },
      value_date: "2011-06-22",
      source: null,
    });
    const inbox = (session: TestSession) =>
      session.request<ReminderList>({ method: "GET", url: "/api/reminders/inbox" });
    const own = await inbox(idb);
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.data.every((i) => i.organization?.code === "IDB")).toBe(true);
    // A partner fixes its entries at its desk.
    expect(new Set(own.body.data.map((i) => i.fix_path))).toEqual(new Set(["/workspace"]));
    const spain = await t.signIn({ role: "partner", organization: "ES" });
    expect((await inbox(spain)).body.data).toEqual([]);
    const staffInbox = await inbox(secretariat);
    expect(staffInbox.body.data.some((i) => i.rule === "mandate_status_missing")).toBe(true);
    expect(staffInbox.body.data.every((i) => i.organization === null)).toBe(true);
    const quality = await secretariat.request<ReminderList>({
      method: "GET",
      url: "/api/reminders/data-quality",
    });
    expect(quality.status).toBe(200);
    expect(quality.body.total).toBe(quality.body.data.length);
    expect(quality.body.by_rule.reduce((sum, r) => sum + r.count, 0)).toBe(quality.body.total);
    expect(quality.body.data.some((i) => i.organization?.code === "IDB")).toBe(true);
    expect((await idb.request({ method: "GET", url: "/api/reminders/data-quality" })).status).toBe(
      403,
    );
    expect((await t.anonymous({ method: "GET", url: "/api/reminders/inbox" })).status).toBe(401);
  });

  it("keeps a snapshot per run: a second run with nothing changed finds nothing new", async () => {
    const run = () =>
      secretariat.request<{ item_count: number; new_count: number; digests_sent: number }>({
        method: "POST",
        url: "/api/reminders/runs",
      });
    const first = await run();
    expect(first.status).toBe(201);
    expect(first.body.item_count).toBeGreaterThan(0);
    expect(first.body.new_count).toBe(first.body.item_count);
    // No SMTP_URL in this app: no digest is sent.
    expect(first.body.digests_sent).toBe(0);
    const second = await run();
    expect(second.body).toMatchObject({ item_count: first.body.item_count, new_count: 0 });
    const snapshot = await t.handle.db
      .selectFrom("reminder_run_items")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(snapshot.n)).toBe(2 * first.body.item_count);
    // A third run: no digest was ever sent, so only the latest two snapshots are kept.
    const third = await run();
    expect(third.body.new_count).toBe(0);
    const runsKept = await t.handle.db
      .selectFrom("reminder_run_items")
      .select("run_id")
      .distinct()
      .execute();
    expect(runsKept).toHaveLength(2);
    const runsRecorded = await t.handle.db.selectFrom("reminder_runs").select("id").execute();
    expect(runsRecorded).toHaveLength(3);
  });

  it("runs on the scheduler's occurrence as the scheduler, in the audit trail too", async () => {
    const messages: string[] = [];
    const log = { info: (m: string) => messages.push(m), warn: expect.fail, error: expect.fail };
    // A scheduler whose one occurrence comes at once.
    await scheduleReminderCheck({
      scheduler: {
        kind: "in-process",
        schedule: async (_name, _cron, handler) => handler({ id: "reminder-check@test" }),
        stop: async () => {},
      },
      db: t.handle.db,
      settings: { ...thresholds, schedule: "0 6 * * *", scheduler: true, cronMonitorSeconds: 30 },
      mailer: null,
      publicUrl: "https://esca.example.org",
      log,
    });
    const run = await t.handle.db
      .selectFrom("reminder_runs")
      .selectAll()
      .where("job_id", "=", "reminder-check@test")
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: "schedule", started_by: "scheduler (in-process)" });
    expect(messages.at(-1)).toMatch(/^reminder check: \d+ open items, 0 new, 0 digests sent$/);
    const audited = await t.handle.db
      .selectFrom("audit_log")
      .select(["actor", "action"])
      .where("entity_type", "=", "reminder_runs")
      .where("entity_id", "=", run.id)
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(new Set(audited.map((a) => a.actor))).toEqual(new Set(["scheduler (in-process)"]));
  });
});
