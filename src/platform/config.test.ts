import { describe, expect, it } from "vitest";
import { loadConfig, parseTrustProxy } from "./config.ts";
import { AppError } from "./errors.ts";

function refusal(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration: HTTPS and proxies", () => {
  it("decides Secure cookies per request and trusts no proxy by default", () => {
    const config = loadConfig({});
    expect(config.security.secureCookies).toBe("auto");
    expect(config.trustProxy).toBe(false);
  });

  it.each([
    ["auto", "auto"],
    ["true", true],
    ["false", false],
  ] as const)("reads ESCA_SECURE_COOKIES=%s", (value, expected) => {
    expect(loadConfig({ ESCA_SECURE_COOKIES: value }).security.secureCookies).toBe(expected);
  });

  it.each(["yes", "1", "TRUE", ""])("refuses ESCA_SECURE_COOKIES=%j, naming it", (value) => {
    const error = refusal({ ESCA_SECURE_COOKIES: value });
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^Environment variable ESCA_SECURE_COOKIES: /);
  });

  it.each([
    ["", false],
    ["false", false],
    [" true ", true],
    ["10.0.0.5", ["10.0.0.5"]],
    ["10.0.0.0/8, 192.168.1.0/24", ["10.0.0.0/8", "192.168.1.0/24"]],
    ["loopback,uniquelocal,linklocal", ["loopback", "uniquelocal", "linklocal"]],
    ["::1, fd00::/8, 2001:db8::1/128", ["::1", "fd00::/8", "2001:db8::1/128"]],
    ["10.0.0.0/0", ["10.0.0.0/0"]],
  ] as const)("reads ESCA_TRUST_PROXY=%j", (value, expected) => {
    expect(loadConfig({ ESCA_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ["1", /hop count \(1\)/],
    ["2", /hop count \(2\)/],
    ["proxy.internal", /entry 1 \("proxy\.internal"\)/],
    ["10.0.0.5, nginx", /entry 2 \("nginx"\)/],
    ["10.0.0.5,", /entry 2 \(""\)/],
    ["10.0.0.0/33", /entry 1 \("10\.0\.0\.0\/33"\)/],
    ["fd00::/129", /entry 1 /],
    ["10.0.0.0/8/1", /entry 1 /],
    ["10.0.0.0/x", /entry 1 /],
    ["10.0.0.0/255.0.0.0", /entry 1 /],
    ["256.0.0.1", /entry 1 /],
    ["yes", /entry 1 \("yes"\)/],
  ])("refuses ESCA_TRUST_PROXY=%j, naming the variable and the entry", (value, why) => {
    const error = refusal({ ESCA_TRUST_PROXY: value });
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^Environment variable ESCA_TRUST_PROXY: /);
    expect(error.message).toMatch(why);
    expect(error.details[0]?.path).toBe("ESCA_TRUST_PROXY");
    expect(parseTrustProxy(value)).toHaveProperty("problem");
  });
});

describe("configuration: reminders and e-mail", () => {
  it("defaults to a daily check at 06:00 UTC, 6 and 12 months, and no e-mail", () => {
    const config = loadConfig({});
    expect(config.reminders).toEqual({
      schedule: "0 6 * * *",
      scheduler: true,
      cronMonitorSeconds: 30,
      pledgeMonths: 6,
      commitmentMonths: 12,
    });
    expect(config.mail.smtpUrl).toBeUndefined();
  });

  it("reads the thresholds, the schedule and the SMTP server", () => {
    const config = loadConfig({
      ESCA_REMINDER_SCHEDULE: "30 7 * * 1",
      ESCA_REMIND_PLEDGE_MONTHS: "3",
      ESCA_REMIND_COMMITMENT_MONTHS: "9",
      SMTP_URL: "smtp://mail.example.org:587",
      ESCA_PUBLIC_URL: "https://esca.example.org/",
    });
    expect(config.reminders).toMatchObject({
      schedule: "30 7 * * 1",
      pledgeMonths: 3,
      commitmentMonths: 9,
    });
    expect(config.mail).toMatchObject({
      smtpUrl: "smtp://mail.example.org:587",
      publicUrl: "https://esca.example.org",
    });
  });

  it.each([
    [{ ESCA_REMINDER_SCHEDULE: "every day" }, "ESCA_REMINDER_SCHEDULE", "cron needs 5"],
    [{ ESCA_REMINDER_SCHEDULE: "0 25 * * *" }, "ESCA_REMINDER_SCHEDULE", "hour"],
    [{ ESCA_REMIND_PLEDGE_MONTHS: "0" }, "ESCA_REMIND_PLEDGE_MONTHS", ""],
    [{ SMTP_URL: "mail.example.org" }, "SMTP_URL", "smtp://"],
  ])("refuses %j, naming the variable", (env, name, words) => {
    const error = refusal(env);
    expect(error.message).toContain(`Environment variable ${name}`);
    expect(error.message).toContain(words);
  });
});

describe("configuration: a read replica", () => {
  const primary = "postgres://esca@db1.internal:5432/esca";
  const replica = "postgres://esca@db2.internal:5432/esca";

  it("has none by default, and reads DATABASE_READ_URL with its allowed lag", () => {
    expect(loadConfig({ DATABASE_URL: primary }).readReplica).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).readReplica).toEqual({
      url: replica,
      maxLagSeconds: 10,
    });
    expect(
      loadConfig({
        DATABASE_URL: primary,
        DATABASE_READ_URL: replica,
        ESCA_REPLICA_MAX_LAG_SECONDS: "30",
      }).readReplica?.maxLagSeconds,
    ).toBe(30);
  });

  it.each([
    [{ DATABASE_READ_URL: replica }, /DATABASE_READ_URL: needs DATABASE_URL/],
    [{ DATABASE_URL: primary, DATABASE_READ_URL: primary }, /DATABASE_READ_URL: is DATABASE_URL/],
    [{ DATABASE_URL: primary, DATABASE_READ_URL: "mysql://x" }, /DATABASE_READ_URL: must start/],
    [
      { DATABASE_URL: primary, DATABASE_READ_URL: replica, ESCA_REPLICA_MAX_LAG_SECONDS: "0" },
      /ESCA_REPLICA_MAX_LAG_SECONDS/,
    ],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(refusal(env).message).toMatch(message);
  });
});
