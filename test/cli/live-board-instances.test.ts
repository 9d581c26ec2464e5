import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveBoard } from "../../src/contracts/live-board.ts";
import { createUser, systemPrincipal } from "../../src/modules/accounts/index.ts";
import { createConference, updateConference } from "../../src/modules/conferences/index.ts";
import { createOrganization } from "../../src/modules/organizations/index.ts";
import type { DatabaseHandle } from "../../src/platform/db/connect.ts";
import { TEST_PASSWORD } from "../support/app.ts";
import { cliEnv, startCliServer } from "../support/cli.ts";
import { createTestDatabase } from "../support/database.ts";
import { openEventStream } from "../support/sse.ts";

type Server = Awaited<ReturnType<typeof startCliServer>>;

const onPostgres = Boolean(process.env.ESCA_TEST_DATABASE_URL);
if (!onPostgres)
  console.warn("live board across instances skipped: it needs PostgreSQL (ESCA_TEST_DATABASE_URL)");

const isBoardWith = (id: string) => (event: { event: string; data: string }) =>
  event.event === "snapshot" &&
  (JSON.parse(event.data) as LiveBoard).latest_pledges.some((p) => p.id === id);

describe.skipIf(!onPostgres)(
  "the live board across two server processes on one PostgreSQL",
  {
    timeout: 180_000,
  },
  () => {
    let handle: DatabaseHandle;
    let dataDir: string;
    const servers: Server[] = [];
    let partnerId: string;
    let conferenceId: string;

    beforeAll(async () => {
      handle = await createTestDatabase();
      const system = systemPrincipal("test-setup");
      const db = handle.db;
      partnerId = (
        await createOrganization({
          db,
          input: { code: "ESP", kind: "partner_government", name: { es: "España", en: "Spain" } },
        })
      ).id;
      conferenceId = (
        await createConference({
          db,
          input: {
            code: "GUA-2011",
            name: { es: "Conferencia de Guatemala", en: "Guatemala Conference" },
            city: "Guatemala City",
            country: "GT",
            start_date: "2011-06-22",
            end_date: "2011-06-23",
          },
        })
      ).id;
      await updateConference({ db, idOrCode: conferenceId, input: { status: "published" } });
      await createUser({
        db,
        input: {
          email: "partner.esp@instances.test",
          name: "Officer of Spain",
          organization: "ESP",
          role: "partner",
          password: TEST_PASSWORD,
        },
        principal: system,
      });
      dataDir = mkdtempSync(join(tmpdir(), "esca-instances-"));
      const env = { ...cliEnv(dataDir), DATABASE_URL: handle.connectionString ?? "" };
      // One after the other: the second finds the database migrated.
      servers.push(await startCliServer(env));
      servers.push(await startCliServer(env));
    }, 180_000);
    afterAll(async () => {
      for (const server of servers) await server.stop();
      await handle?.close();
    });

    async function signIn(server: Server) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "partner.esp@instances.test", password: TEST_PASSWORD }),
      });
      if (response.status !== 200)
        throw new Error(`login: ${response.status} ${await response.text()}`);
      const cookie = response.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; ");
      const { csrf_token } = (await response.json()) as { csrf_token: string };
      return (path: string, body: object) =>
        fetch(`${server.url}/api${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf_token },
          body: JSON.stringify(body),
        });
    }

    it("carries a pledge recorded on one instance to a board connected to the other", async () => {
      const [first, second] = servers as [Server, Server];
      expect(first.url).not.toBe(second.url);
      const board = await openEventStream(`${second.url}/api/conferences/GUA-2011/live/events`);
      try {
        await board.waitFor((e) => e.event === "snapshot");
        const post = await signIn(first);
        const recorded = await post("/flows", {
          flow_type: "pledge",
          support_kind: "financial",
          partner_id: partnerId,
          conference_id: conferenceId,
          value: { amount: "30000000.00", currency: "USD" },
          value_date: "2011-06-22",
        });
        expect(recorded.status).toBe(201);
        const { id } = (await recorded.json()) as { id: string };
        const heard = JSON.parse((await board.waitFor(isBoardWith(id))).data) as LiveBoard;
        expect(heard.totals.announced).toBe("30000000.00");
        expect(heard.partners.map((row) => [row.partner.code, row.announced])).toEqual([
          ["ESP", "30000000.00"],
        ]);

        // And back: a reversal through the second instance reaches a board on the first.
        const other = await openEventStream(
          `${first.url}/api/conferences/${conferenceId}/live/events`,
        );
        try {
          await other.waitFor((e) => e.event === "snapshot");
          const reversal = await (await signIn(second))(`/flows/${id}/reversal`, {
            reason: "Recorded twice",
          });
          expect(reversal.status).toBe(201);
          const after = await other.waitFor(
            (e) =>
              e.event === "snapshot" &&
              (JSON.parse(e.data) as LiveBoard).latest_pledges.some(
                (p) => p.id === id && p.reversed,
              ),
          );
          expect((JSON.parse(after.data) as LiveBoard).totals.announced).toBe("0.00");
        } finally {
          other.close();
        }
      } finally {
        board.close();
      }
    });
  },
);
