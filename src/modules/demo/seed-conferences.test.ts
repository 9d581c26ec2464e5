import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import { figureToMinorUnits } from "../../contracts/money.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { findGroupOfFriends, getConferenceDetail } from "../conferences/index.ts";
import { seedDemo } from "./index.ts";

const cents = (figure: string) => figureToMinorUnits(figure, "USD");

describe("the demo's 2011 conference record and Group of Friends", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemo({ db: handle.db });
  });
  afterAll(async () => handle.close());

  it("publishes the conference with its programme, delegations and the Declaration of Guatemala", async () => {
    const detail = await getConferenceDetail({
      db: handle.db,
      idOrCode: "GUATEMALA-2011",
      publishedOnly: true,
    });
    expect(detail.status).toBe("published");
    expect(detail.sessions.map((s) => s.day)).toEqual([
      "2011-06-22",
      "2011-06-22",
      "2011-06-22",
      "2011-06-23",
    ]);
    // The hours are not published: every session says so.
    expect(detail.sessions.every((s) => s.illustrative && s.source)).toBe(true);
    expect(detail.documents.map((d) => d.kind)).toContain("declaration");
    const us = detail.delegations.find((d) => d.organization.code === "USA");
    expect(us).toMatchObject({ level: "minister", head_name: "Hillary Rodham Clinton" });
    // A delegation whose rank the record does not give is marked illustrative, with no name.
    const germany = detail.delegations.find((d) => d.organization.code === "DEU");
    expect(germany).toMatchObject({ illustrative: true, head_name: null });
    expect(detail.delegations.every((d) => d.source)).toBe(true);
  });

  it("tags the four 2011 announcements to their session and adds them up from the roll-up", async () => {
    const detail = await getConferenceDetail({
      db: handle.db,
      idOrCode: "GUATEMALA-2011",
      publishedOnly: true,
    });
    const announcements = detail.sessions.find((s) => s.title.en.startsWith("Statements"));
    expect(detail.announcements.map((a) => a.partner.code).sort()).toEqual([
      "ESP",
      "IDB",
      "USA",
      "WB",
    ]);
    expect(detail.announcements.every((a) => a.session_id === announcements?.id)).toBe(true);
    expect(detail.funding.total.announced).toBe("1950000000.00");
    const listed = detail.announcements.reduce((s, a) => s + cents(a.value_usd?.amount ?? "0"), 0n);
    expect(listed).toBe(cents(detail.funding.total.announced));
    for (const measure of ["announced", "committed", "disbursed"] as const) {
      const rows = detail.funding.rows.reduce((s, r) => s + cents(r.figures[measure]), 0n);
      expect(rows).toBe(cents(detail.funding.total[measure]));
    }
    // Commitments were made against the conference's pledges (USA, IDB, WB) since.
    expect(cents(detail.funding.total.committed)).toBeGreaterThan(0n);
  });

  it("lists the Group of Friends with join dates marked illustrative, summing to the total", async () => {
    const group = await findGroupOfFriends({ db: handle.db, publishedOnly: true });
    expect(group.members).toHaveLength(23);
    expect(group.members.every((m) => m.joined?.illustrative && m.joined.source)).toBe(true);
    const codes = group.members.map((m) => m.organization.code);
    expect(codes).toEqual(expect.arrayContaining(["ESP", "USA", "IDB", "JPN", "CABEI"]));
    expect(codes).not.toContain("WB");
    for (const measure of ["announced", "committed", "disbursed"] as const) {
      const rows = group.members.reduce((s, m) => s + cents(m.figures[measure]), 0n);
      expect(rows).toBe(cents(group.total[measure]));
    }
    const spain = group.members.find((m) => m.organization.code === "ESP");
    expect(spain?.contributions.every((c) => c.illustrative)).toBe(true);
    expect(spain?.contributions).toHaveLength(1);
  });
});
