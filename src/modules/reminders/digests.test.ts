import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestSession } from "../../../test/support/app.ts";
import { createMailer } from "../../platform/mail.ts";
import {
  insertInitiative,
  type LedgerWorld,
  setUpLedgerWorld,
} from "../funding/funding.fixtures.ts";
import { runReminderCheck } from "./run-reminder-check.ts";

interface Received {
  to: string[];
  raw: string;
}

/** An SMTP server in this process: every message it accepts, as received. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message's text part, quoted-printable undone. */
function textOf(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "");
  return unfolded.replace(/=([0-9A-F]{2})((?:=[0-9A-F]{2})*)/g, (match) =>
    Buffer.from(match.replace(/=/g, ""), "hex").toString("utf8"),
  );
}

describe("e-mail digests through SMTP, in each recipient's language", () => {
  let t: TestApp;
  let w: LedgerWorld;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let spanish: TestSession;
  let english: TestSession;
  const log = { warn: (message: string) => expect.fail(message) };
  const run = (mailer: ReturnType<typeof createMailer>) =>
    runReminderCheck({
      db: t.handle.db,
      thresholds: { pledgeMonths: 6, commitmentMonths: 12 },
      trigger: "manual",
      startedBy: "test",
      mailer,
      publicUrl: "https://esca.example.org",
      asOf: "2013-03-01",
      log,
    });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp();
    w = await setUpLedgerWorld(t);
    spanish = await t.signIn({ role: "partner", organization: "IDB" });
    english = await t.signIn({ role: "partner", organization: "IDB" });
    const set = await english.request({
      method: "PUT",
      url: "/api/auth/language",
      payload: { language: "en" },
    });
    expect(set.status).toBe(200);
    expect((set.body as { language: string }).language).toBe("en");
    const initiative = await insertInitiative(t.handle.db, {
      code: "DG1",
      componentId: w.components.A,
      leadCountry: "GT",
      budgetUsdMinor: 100_000_000n,
      published: true,
    });
    const pledge = await spanish.request({
      method: "POST",
      url: "/api/flows",
      payload: {
        flow_type: "pledge",
        support_kind: "financial",
        partner_id: w.partners.IDB,
        initiative_id: initiative,
        value: { amount: "2500000.00", currency: "USD" },
        value_date: "2011-06-22",
        source: "IDB press release",
      },
    });
    expect(pledge.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("sends nothing without SMTP_URL", async () => {
    expect(createMailer({ smtpUrl: undefined, from: "ESCA Hub <hub@example.org>" })).toBeNull();
    const result = await run(null);
    expect(result.digests_sent).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it("lists the recipient's open items with links, in Spanish or English as each chose", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "ESCA Hub <hub@example.org>" });
    try {
      const result = await run(mailer);
      // The IDB's two users; nobody else has an item (the admin's organization has none, and
      // the secretariat's items need a secretariat user).
      expect(result.digests_sent).toBe(2);
    } finally {
      mailer?.close();
    }
    const toSpanish = smtp.received.find((m) => m.to.includes(spanish.email));
    const toEnglish = smtp.received.find((m) => m.to.includes(english.email));
    if (!toSpanish || !toEnglish) throw new Error("a digest is missing");
    const es = textOf(toSpanish.raw);
    const en = textOf(toEnglish.raw);
    expect(es).toContain("Content-Language: es");
    expect(es).toMatch(/Subject: ESCA Hub: 1 asunto pendiente \(1 nuevo\)/);
    expect(es).toContain(
      "[NUEVO] Promesa aún no comprometida · IDB · 2011-06-22 · DG1 · 2500000.00 USD",
    );
    expect(es).toContain("pendiente desde el 2011-12-22 (435 días)");
    expect(es).toContain("Corregir: https://esca.example.org/workspace?lang=es");
    expect(es).toContain("Abrir su bandeja: https://esca.example.org/workspace/inbox?lang=es");
    expect(en).toContain("Content-Language: en");
    expect(en).toMatch(/Subject: ESCA Hub: 1 open item \(1 new\)/);
    expect(en).toContain(
      "[NEW] Pledge not yet committed · IDB · 2011-06-22 · DG1 · 2500000.00 USD",
    );
    expect(en).toContain("due since 2011-12-22 (435 days)");
    expect(en).toContain("Fix it: https://esca.example.org/workspace?lang=en");
    expect(en).not.toContain("Promesa");
    expect(es).not.toContain("Pledge not yet committed");
    const digests = await t.handle.db
      .selectFrom("reminder_digests")
      .select(["user_id", "language", "item_count", "new_count"])
      .orderBy("language")
      .execute();
    expect(digests).toEqual([
      { user_id: english.userId, language: "en", item_count: 1, new_count: 1 },
      { user_id: spanish.userId, language: "es", item_count: 1, new_count: 1 },
    ]);
  });

  it("sends no second digest while nothing is new since the last one", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "ESCA Hub <hub@example.org>" });
    try {
      const before = smtp.received.length;
      expect((await run(mailer)).digests_sent).toBe(0);
      expect(smtp.received.length).toBe(before);
    } finally {
      mailer?.close();
    }
  });
});
