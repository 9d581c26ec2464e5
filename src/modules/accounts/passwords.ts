import { hash, verify } from "@node-rs/argon2";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError, type MessageValues } from "../../platform/errors.ts";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (Algorithm 2 = argon2id).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let zxcvbn: Promise<ZxcvbnFactory> | undefined;
/**
 * The password checker, made on its first use: its dictionaries take about half a second to
 * load and rank, which every server start and every command paid before it checked a password.
 */
function passwordChecker(): Promise<ZxcvbnFactory> {
  zxcvbn ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return zxcvbn;
}

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

/** A hash to compare against when the account does not exist, so timing tells nothing. */
let decoy: Promise<string> | undefined;
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  decoy ??= hashPassword("decoy password that never matches");
  const target = passwordHash ?? (await decoy);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

/**
 * 12–128 characters, and not guessable: common passwords, dictionary words, keyboard walks
 * and the user's own name or email are refused (zxcvbn score below 3 of 4).
 */
export async function assertAcceptablePassword(
  password: string,
  userInputs: string[] = [],
  path = "password",
): Promise<void> {
  const refuse = (message: string, rule: { code: string } & MessageValues) =>
    new AppError("validation_failed", `${path}: ${message}`, {
      details: [{ path, message, rule }],
    });
  if (password.length < PASSWORD_MIN)
    throw refuse(`must have at least ${PASSWORD_MIN} characters`, {
      code: "too_small",
      origin: "string",
      minimum: PASSWORD_MIN,
    });
  if (password.length > PASSWORD_MAX)
    throw refuse(`must have at most ${PASSWORD_MAX} characters`, {
      code: "too_big",
      origin: "string",
      maximum: PASSWORD_MAX,
    });
  const result = (await passwordChecker()).check(password, userInputs.filter(Boolean));
  if (result.score < 3) {
    const hint = result.feedback.warning ? ` (${result.feedback.warning})` : "";
    throw refuse(`is too easy to guess${hint}; use a longer passphrase of unrelated words`, {
      code: "weak_password",
    });
  }
}
