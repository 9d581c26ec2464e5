import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/modules/audit/index.ts";
import {
  addPublishingDonor,
  iatiFile,
  setUpIatiWorld,
} from "../../src/modules/iati/iati-xml.fixtures.ts";
import type { ImportJob } from "../../src/modules/iati/jobs/import-job.schema.ts";
import { testBackend } from "../support/database.ts";
import {
  type ApiClient,
  createFaultStore,
  type FaultStore,
  type FaultWork,
  faultRounds,
  faultSeed,
  runFaultRounds,
  seededRandom,
  sleep,
} from "../support/fault.ts";

/**
 * kill -9 of `esca serve` while it imports an uploaded IATI file: per round the partner's
 * publication of that round (ACTIVITIES activities, amounts of its own, some linked to an
 * initiative, so the import records ledger entries too) is uploaded. After the restart the
 * current publication is the round's whole file or the one before it, never a mix; the job
 * succeeded with every activity exactly when the file applied, and is otherwise failed as
 * interrupted (on PostgreSQL, shared with other instances, it may show running until its
 * heartbeat is a minute old). Re-uploading ends where a run without kills ended.
 */
const rounds = faultRounds(6);
const PUBLISHER = "XM-DAC-88";
const ACTIVITIES = 150;

const fileOf = (round: number) =>
  iatiFile(
    PUBLISHER,
    Array.from({ length: ACTIVITIES }, (_, i) => ({
      id: `${PUBLISHER}-${i}`,
      ...(i % 5 === 0 ? { related: "XI-IATI-ESCA-GT1" } : {}),
      transactions: [
        { type: 2, date: "2012-02-01", amount: String(100_000 + 1000 * round + i) },
        { type: 3, date: "2012-08-01", amount: String(50_000 + 500 * round + i) },
      ],
    })),
    new Date(Date.UTC(2026, 0, 1 + round)).toISOString().replace(".000", ""),
  );
const files = Array.from({ length: rounds }, (_, round) => fileOf(round));
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const fileName = (round: number) => `publication-${round}.xml`;

async function ok<T>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const { status: got, body } = await response;
  if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`);
  return body;
}

interface Publication {
  file_sha256: string;
  activity_count: number;
  transaction_count: number;
}
async function currentPublication(api: ApiClient): Promise<Publication | undefined> {
  const list = await ok(api.json<{ data: Publication[] }>("GET", "/api/iati/publications"));
  expect(list.data.length).toBeLessThanOrEqual(1);
  return list.data[0];
}
async function activityCount(api: ApiClient): Promise<number> {
  const page = await ok(
    api.json<{ page: { total: number } }>("GET", "/api/iati/activities?limit=1"),
  );
  return page.page.total;
}

const work: FaultWork<unknown> = {
  async run(api, round) {
    const file = files[round] ?? "";
    if ((await currentPublication(api))?.file_sha256 === sha256(file)) return;
    const started = await ok(
      api.upload<ImportJob>("/api/iati/imports", fileName(round), file),
      202,
    );
    for (;;) {
      const job = await ok(api.json<ImportJob>("GET", `/api/iati/imports/${started.id}`));
      if (job.status === "succeeded") return;
      if (job.status === "failed") throw new Error(`import failed: ${JSON.stringify(job.error)}`);
      await sleep(100);
    }
  },

  async checkNothingPartial(api, round) {
    const jobs = await ok(api.json<{ data: ImportJob[] }>("GET", "/api/iati/imports?limit=100"));
    const mine = jobs.data.filter((job) => job.file === fileName(round));
    const publication = await currentPublication(api);
    const activities = await activityCount(api);
    const applied = publication?.file_sha256 === sha256(files[round] ?? "");
    // The whole round's file, or still the one before it (none before the first).
    if (applied || round > 0) {
      expect(publication?.activity_count).toBe(ACTIVITIES);
      expect(publication?.transaction_count).toBe(ACTIVITIES * 2);
      expect(activities).toBe(ACTIVITIES);
    } else {
      expect(publication).toBeUndefined();
      expect(activities).toBe(0);
    }
    if (!applied && round > 0)
      expect(publication?.file_sha256).toBe(sha256(files[round - 1] ?? ""));
    for (const job of mine) {
      if (job.status === "succeeded") {
        expect(applied).toBe(true);
        expect(job.summary?.activities).toBe(ACTIVITIES);
      } else if (testBackend === "pglite" || job.status === "failed") {
        expect(job.status).toBe("failed");
        expect(job.error?.code).toBe("interrupted");
      }
    }
    // The job's end is saved in the transaction that makes its file current: the round's file
    // is applied exactly when its job succeeded.
    const succeeded = mine.filter((job) => job.status === "succeeded").length;
    expect({ round, applied, succeeded }).toEqual({ round, applied, succeeded: applied ? 1 : 0 });
  },

  async fingerprint(api) {
    const publication = await currentPublication(api);
    const summary = await ok(api.json("GET", "/api/funding/summary?by=initiative"));
    const flows = await ok(api.json<{ page: { total: number } }>("GET", "/api/flows?limit=1"));
    return {
      file: publication?.file_sha256,
      activities: await activityCount(api),
      transactions: publication?.transaction_count,
      linked: (publication as { linked_count?: number } | undefined)?.linked_count,
      flows: flows.page.total,
      summary: JSON.stringify(summary).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"id"'),
    };
  },
};

async function prepare(db: Parameters<Parameters<typeof createFaultStore>[0]>[0]) {
  await setUpIatiWorld(db);
  await addPublishingDonor(db, "DONOR88", PUBLISHER);
}

describe("kill -9 during IATI imports", { timeout: 900_000 }, () => {
  const stores: FaultStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.dispose();
  });

  it(`${rounds} rounds: a publication is whole or absent, the chain holds, re-running reaches the clean state`, async () => {
    const random = seededRandom(faultSeed("imports"));
    const clean = await createFaultStore(prepare);
    stores.push(clean);
    const faulty = await createFaultStore(prepare);
    stores.push(faulty);
    const result = await runFaultRounds({ rounds, random, work, clean, faulty });
    console.log(
      `kill -9 imports: killed after ${result.killedAfter.join(", ")} ms, ${result.midWork} of ${rounds} while the work ran`,
    );

    expect(result.clean.at(-1)).toMatchObject({ activities: ACTIVITIES });
    expect(result.recovered).toEqual(result.clean);
    expect(result.verdicts).toHaveLength(rounds + 1);
    for (const verdict of result.verdicts) expect(verdict.ok).toBe(true);
    await faulty.withDb(async (db) => {
      // No job left running where the restarted server is the folder's only process.
      const running = await sql<{ n: number }>`
        select count(*)::int as n from iati_import_jobs where state = 'running'`.execute(db);
      if (testBackend === "pglite") expect(running.rows[0]?.n).toBe(0);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });
  });
});
