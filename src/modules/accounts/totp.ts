import { Secret, TOTP } from "otpauth";

/** RFC 6238 codes: SHA-1, 6 digits, 30-second steps — what every authenticator app reads. */
export function totpFor(secretBase32: string, email: string): TOTP {
  return new TOTP({
    issuer: "ESCA Hub",
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/**
 * The 30-second step a code belongs to, or null when it is wrong: the current step's code
 * and the one before or after it are accepted (clock drift of ±30 s). Whether the code was
 * already used is for `acceptTotpCode` to say.
 */
export function totpStep(secretBase32: string, email: string, code: string): number | null {
  const timestamp = Date.now();
  const delta = totpFor(secretBase32, email).validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : TOTP.counter({ period: 30, timestamp }) + delta;
}
