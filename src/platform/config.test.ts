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
