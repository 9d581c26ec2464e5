import type { Column } from "../../ui/DataTable.tsx";

/** A column whose screen cell and download value are the same text (an identifier, a name). */
export function textColumn<Row>(
  key: string,
  header: string,
  text: (row: Row) => string,
): Column<Row> {
  return { key, header, cell: text, value: text };
}
