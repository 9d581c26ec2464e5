import { createHash, randomInt } from "node:crypto";

/** How many recovery codes a set holds; each signs in once. */
export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 (no I, L, O, U): read aloud or copied by hand without confusion.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * One code: 16 characters of a 32-letter alphabet (80 bits), shown in four groups,
 * e.g. "7kq2-m9xa-3fz8-hc4d". With that much randomness a plain SHA-256 is enough to store
 * it: guessing a code from its hash is out of reach, unlike a password's.
 */
function newRecoveryCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** A new set of distinct codes, in clear: shown once to their owner, never stored. */
export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  return [...codes];
}

/**
 * The code as typed, reduced to its 16 characters: case, spaces and dashes do not matter,
 * and the letters Crockford's base32 reads as digits (i, l → 1; o → 0) are read so. Null
 * when it cannot be a code.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/[il]/g, "1")
    .replace(/o/g, "0");
  if (compact.length !== GROUPS * GROUP_LENGTH) return null;
  return [...compact].every((c) => ALPHABET.includes(c)) ? compact : null;
}

/** What is stored of a code: the hex SHA-256 of its normalized form. */
export const hashRecoveryCode = (normalized: string): string =>
  createHash("sha256").update(normalized).digest("hex");
