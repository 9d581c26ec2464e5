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

/** Accepts the current code and the one before or after it (clock drift of ±30 s). */
export function checkTotp(secretBase32: string, email: string, code: string): boolean {
  return totpFor(secretBase32, email).validate({ token: code, window: 1 }) !== null;
}
