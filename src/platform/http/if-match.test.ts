import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { parseIfMatch } from "./if-match.ts";

describe("parseIfMatch", () => {
  it("reads one version, quoted as ESCA Hub sends it or bare, and *", () => {
    expect(parseIfMatch('"3"')).toEqual({ kind: "version", version: 3 });
    expect(parseIfMatch(' "12" ')).toEqual({ kind: "version", version: 12 });
    expect(parseIfMatch("7")).toEqual({ kind: "version", version: 7 });
    expect(parseIfMatch('"2147483647"')).toEqual({ kind: "version", version: 2_147_483_647 });
    expect(parseIfMatch("*")).toEqual({ kind: "any" });
    // A public answer's ETag: the record's version, then the digest of its bytes.
    expect(parseIfMatch('"3.zA7iKp7LF2rWlSJ8dwvvxPgybws"')).toEqual({
      kind: "version",
      version: 3,
    });
    // Its compressed forms' ETags name the same version.
    expect(parseIfMatch('"3.zA7iKp7LF2rWlSJ8dwvvxPgybws-br"')).toEqual({
      kind: "version",
      version: 3,
    });
    expect(parseIfMatch('"3.zA7iKp7LF2rWlSJ8dwvvxPgybws-gzip"')).toEqual({
      kind: "version",
      version: 3,
    });
  });

  it.each([
    ["", /got nothing/],
    ["abc", /record version/],
    ['"abc"', /record version/],
    ['""', /record version/],
    ['"0"', /record version/],
    ['"007"', /record version/],
    ['"-1"', /record version/],
    ['"1.5"', /record version/],
    ['"3.short"', /record version/],
    ['"3.short-br"', /record version/],
    ['"3.zA7iKp7LF2rWlSJ8dwvvxPgybws-zstd"', /record version/],
    ['"zA7iKp7LF2rWlSJ8dwvvxPgybws-br"', /record version/],
    ['"2147483648"', /record version/],
    ['"99999999999"', /record version/],
    ['W/"3"', /weak/],
    ['w/"3"', /weak/],
    ['"3", "4"', /one version/],
    ['*, "3"', /one version/],
  ])("refuses %j, naming the header and what is wrong", (header, why) => {
    let caught: unknown;
    try {
      parseIfMatch(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^If-Match /);
    expect(error.message).toMatch(why);
    expect(error.details[0]?.path).toBe("header.if-match");
  });
});
