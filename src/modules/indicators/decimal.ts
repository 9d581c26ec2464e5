/**
 * PostgreSQL returns a numeric with its column's scale: 41.4 in numeric(24,10) comes back as
 * "41.4000000000". Values leave the API as written: "41.4", "82", "-0.5".
 */
export function trimDecimal(value: string): string {
  if (!value.includes(".")) return value;
  const trimmed = value.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}
