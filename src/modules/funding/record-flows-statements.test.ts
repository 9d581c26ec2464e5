import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import type { AppError } from "../../platform/errors.ts";
import { systemPrincipal } from "../accounts/index.ts";
import { FLOWS_PER_STATEMENT } from "./flow-batches.queries.ts";
import type { RecordFlowInput } from "./flows.schema.ts";
import { countFlows } from "./funding.fixtures.ts";
import { seedTwinWorld, twin } from "./ledger-batch.fixtures.ts";
import { recordFlows } from "./record-flows.ts";

const principal = systemPrincipal("ledger-test");
const usd = (amount: string) => ({ amount, currency: "USD" });

describe("recording more entries than one statement takes", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedTwinWorld(handle.db);
  });
  afterAll(async () => handle.close());

  const count = FLOWS_PER_STATEMENT + 100;
  const entries = (commitment: string): RecordFlowInput[] => {
    const base = {
      support_kind: "financial",
      partner_id: twin.partners.EU,
      initiative_id: twin.initiatives.I2,
      value_date: "2012-05-05",
    } as const;
    return [
      { ...base, flow_type: "commitment", value: usd(commitment) },
      ...Array.from({ length: count }, (_, i) => ({
        ...base,
        flow_type: "disbursement" as const,
        value: usd("0.01"),
        note: `#${i}`,
      })),
    ];
  };

  it("refuses, writing nothing, the first disbursement past the commitment in a later statement", async () => {
    const error = await recordFlows({ db: handle.db, entries: entries("20.00"), principal }).catch(
      (e: unknown) => e as AppError,
    );
    expect(error).toMatchObject({ code: "over_commitment" });
    expect((error as AppError).message).toMatch(
      /^entries\.2001: This would leave USD 20\.01 disbursed against USD 20\.00 committed/,
    );
    expect(await countFlows(handle.db)).toBe(0);
  });

  it("writes every entry in the order given", async () => {
    const flows = await recordFlows({ db: handle.db, entries: entries("21.00"), principal });
    expect(flows).toHaveLength(count + 1);
    const rows = await handle.db
      .selectFrom("support_flows")
      .select(["note", "usd_minor"])
      .orderBy("seq")
      .execute();
    expect(rows.map((row) => row.note)).toEqual([
      null,
      ...entries("0")
        .slice(1)
        .map((e) => e.note),
    ]);
    expect(rows.reduce((sum, row) => sum + (row.usd_minor ?? 0n), 0n)).toBe(2100n + BigInt(count));
    expect(flows.map((flow) => flow.note)).toEqual(rows.map((row) => row.note));
    const audit = await handle.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("entity_type", "=", "support_flows")
      .orderBy("seq")
      .execute();
    expect(audit.map((row) => row.entity_id)).toEqual(flows.map((flow) => flow.id));
  });
});
