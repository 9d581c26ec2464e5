import { describe, expect, it } from "vitest";
import { isoDateSchema } from "./common.ts";

describe("dates: the range ESCA Hub records", () => {
  it("accepts 1900-01-01 to 2100-12-31 and refuses dates outside it, naming the range", () => {
    for (const date of ["1900-01-01", "2011-06-22", "2024-02-29", "2100-12-31"]) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(true);
    }
    for (const date of ["0000-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]) {
      const issues = isoDateSchema.safeParse(date).error?.issues;
      expect(issues?.length, date).toBe(1);
      expect(issues?.[0]?.message).toBe("must be between 1900-01-01 and 2100-12-31");
    }
    for (const date of ["2011-02-30", "2011-13-01", "11-06-22", "2011-06-22T00:00:00Z", ""]) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(false);
    }
  });
});
