import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.ts";
import type { DatabaseHandle } from "../../platform/db/connect.ts";
import { failUnfinishedReportJobs, insertReportJob, updateReportJob } from "./reports.queries.ts";

/** What a killed server leaves: jobs in a middle stage that nobody will finish. */
describe("report jobs a stopped server left unfinished", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  async function job(stage: "gathering" | "rendering" | "done", minutesAgo: number) {
    const row = await insertReportJob(handle.db, {
      language: "en",
      format: "html",
      as_of: new Date("2026-01-01T00:00:00Z"),
      requested_by: "test",
      requested_by_user_id: null,
    });
    await updateReportJob(handle.db, row.id, { stage });
    await sql`update report_jobs set updated_at = clock_timestamp() - make_interval(mins => ${minutesAgo})
      where id = ${row.id}`.execute(handle.db);
    return row.id;
  }
  const stageOf = async (id: string) =>
    (
      await handle.db
        .selectFrom("report_jobs")
        .select(["stage", "error_message"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).stage;

  it("fails only silent ones where other instances may be working, every one where none can", async () => {
    const fresh = await job("rendering", 0);
    const silent = await job("gathering", 30);
    const done = await job("done", 30);

    await failUnfinishedReportJobs(handle.db, { staleMinutes: 15 });
    expect(await stageOf(fresh)).toBe("rendering");
    expect(await stageOf(silent)).toBe("failed");

    // The embedded database: the starting server holds the folder alone, so it ran none of them.
    await failUnfinishedReportJobs(handle.db, { staleMinutes: null });
    expect(await stageOf(fresh)).toBe("failed");
    expect(await stageOf(done)).toBe("done");
    const row = await handle.db
      .selectFrom("report_jobs")
      .select("error_message")
      .where("id", "=", fresh)
      .executeTakeFirstOrThrow();
    expect(row.error_message).toMatch(/interrupted/);
  });
});
