import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { LiveBoard } from "../../contracts/live-board.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { type EventBus, openEventBus } from "../../platform/events/index.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { createConference, updateConference } from "../conferences/index.ts";
import { type FlowRecordedEvent, recordFlow } from "../funding/index.ts";
import { createOrganization } from "../organizations/index.ts";
import { concernsConference, LiveBoardHub } from "./live-board-hub.ts";
import { readLiveBoard } from "./read-live-board.ts";

const silent = { warn: () => undefined } as unknown as ConstructorParameters<
  typeof LiveBoardHub
>[2];

/** A screen: the boards it was sent, and a wait for the next one. */
function screen() {
  const boards: LiveBoard[] = [];
  let wake: (() => void) | null = null;
  return {
    boards,
    listener: (board: LiveBoard) => {
      boards.push(board);
      wake?.();
    },
    /** Waits for a board announcing `announced` (USD). */
    announcing: (announced: string) =>
      new Promise<void>((resolve, reject) => {
        const found = () => boards.some((board) => board.totals.announced === announced);
        const timer = setTimeout(() => reject(new Error(`no board announcing ${announced}`)), 5000);
        wake = () => {
          if (!found()) return;
          clearTimeout(timer);
          resolve();
        };
        wake();
      }),
  };
}

describe("the live boards' hub", () => {
  let handle: DatabaseHandle;
  let bus: EventBus;
  let hub: LiveBoardHub;
  let partner: string;
  let conference: string;
  const principal = systemPrincipal("hub-test");
  const pledge = (amount: string) =>
    recordFlow({
      db: handle.db,
      principal,
      input: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: partner,
        conference_id: conference,
        value: { amount, currency: "USD" },
        value_date: "2011-06-22",
      },
    });

  beforeAll(async () => {
    handle = await createTestDatabase();
    bus = await openEventBus(handle);
    hub = new LiveBoardHub(handle.db, bus, silent);
    partner = (
      await createOrganization({
        db: handle.db,
        input: { code: "CAN", kind: "partner_government", name: { es: "Canadá", en: "Canada" } },
      })
    ).id;
    conference = (
      await createConference({
        db: handle.db,
        input: {
          code: "GUA-2011",
          name: { es: "Conferencia", en: "Conference" },
          city: "Guatemala City",
          country: "GT",
          start_date: "2011-06-22",
          end_date: "2011-06-23",
        },
      })
    ).id;
    await updateConference({ db: handle.db, idOrCode: conference, input: { status: "published" } });
  });
  afterAll(async () => {
    hub.close();
    await bus.close();
    await handle.close();
  });

  it("sends each screen the boards a recorded pledge changes, and forgets a screen that left", async () => {
    const start = await readLiveBoard({ db: handle.db, idOrCode: conference });
    const first = screen();
    const second = screen();
    const leaveFirst = hub.join(start, first.listener);
    const leaveSecond = hub.join(start, second.listener);
    expect(hub.screens()).toBe(2);

    await pledge("100.00");
    await Promise.all([first.announcing("100.00"), second.announcing("100.00")]);

    leaveFirst();
    expect(hub.screens()).toBe(1);
    await pledge("50.00");
    await second.announcing("150.00");
    // The screen that left heard nothing more; neither was sent the same board twice.
    expect(first.boards.map((board) => board.totals.announced)).not.toContain("150.00");
    const texts = second.boards.map((board) => JSON.stringify({ ...board, as_of: "" }));
    expect(new Set(texts).size).toBe(texts.length);

    leaveSecond();
    expect(hub.screens()).toBe(0);
  });

  it("reads a board again only for writes that can change it", () => {
    const event = (over: Partial<FlowRecordedEvent>): FlowRecordedEvent => ({
      count: 1,
      flow_types: ["pledge"],
      reversal: false,
      follows_prior: false,
      conference_ids: [],
      partner_ids: [partner],
      ...over,
    });
    expect(concernsConference(event({ conference_ids: [conference] }), conference)).toBe(true);
    expect(concernsConference(event({ conference_ids: ["other"] }), conference)).toBe(false);
    expect(concernsConference(event({}), conference)).toBe(false);
    // A commitment may follow one of the conference's pledges without its tag.
    expect(concernsConference(event({ follows_prior: true }), conference)).toBe(true);
    // Too many conferences to name: any of them may be this one.
    expect(concernsConference(event({ conference_ids: null }), conference)).toBe(true);
  });
});
