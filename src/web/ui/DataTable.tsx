import { Button, Group, Table, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useI18n } from "../i18n/i18n.tsx";
import { type ColumnKind, downloadCsv, downloadXlsx, type ExportCell } from "./download.ts";

export interface Column<T> {
  key: string;
  header: string;
  /** What the screen shows. */
  cell: (row: T) => ReactNode;
  /** What the downloads hold: the same figure, unformatted (decimal strings stay exact). */
  value: (row: T) => ExportCell;
  kind?: ColumnKind;
  /** Shown beside the heading on screen (a measure's definition); downloads keep `header`. */
  help?: ReactNode;
}

/**
 * A table with its CSV and XLSX downloads. Both downloads are built from the same rows
 * and the same `value` of each column as the screen, so the numbers cannot differ.
 */
export function DataTable<T>({
  caption,
  fileName,
  columns,
  rows,
  rowKey,
  footer,
  summary,
  rowClassName,
  exportRows,
}: {
  caption: string;
  fileName: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  footer?: T | undefined;
  /** Replaces the row count above the table (e.g. the total over all pages). */
  summary?: ReactNode;
  /** A class for a row that is not like the others (a remainder row). */
  rowClassName?: (row: T) => string | undefined;
  /**
   * The rows the downloads hold when they are more than the rows on screen (every page of a
   * paged list, with the same filter and sort); the screen's rows when absent.
   */
  exportRows?: () => Promise<T[]>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<"csv" | "xlsx" | null>(null);
  const [failed, setFailed] = useState(false);
  const exportTable = async () => {
    const all = exportRows ? await exportRows() : footer ? [...rows, footer] : rows;
    return {
      fileName,
      sheetName: caption,
      headers: columns.map((c) => c.header),
      rows: all.map((row) => columns.map((c) => c.value(row))),
      kinds: columns.map((c) => c.kind ?? "text"),
    };
  };
  const download = (format: "csv" | "xlsx") => {
    setBusy(format);
    setFailed(false);
    void exportTable()
      .then((table) => (format === "csv" ? downloadCsv(table) : downloadXlsx(table)))
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  const numeric = (c: Column<T>) => (c.kind ?? "text") !== "text";
  return (
    <div className="data-table">
      <Group justify="space-between" mb="xs" gap="xs">
        <Text size="sm" c="dimmed" aria-live="polite">
          {summary ?? t("table.rows", { count: rows.length })}
        </Text>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            loading={busy === "csv"}
            onClick={() => download("csv")}
            aria-label={t("table.downloadCsvOf", { table: caption })}
          >
            {t("table.csv")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            loading={busy === "xlsx"}
            onClick={() => download("xlsx")}
            aria-label={t("table.downloadXlsxOf", { table: caption })}
          >
            {t("table.xlsx")}
          </Button>
        </Group>
      </Group>
      {failed ? (
        <Text size="sm" c="red.8" role="alert" mb="xs">
          {t("table.downloadFailed")}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover verticalSpacing="xs" fz="sm">
          <Table.Caption className="visually-hidden">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} ta={numeric(c) ? "right" : "left"} scope="col">
                  {c.header}
                  {c.help ?? null}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t("table.empty")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((row) => (
                <Table.Tr key={rowKey(row)} className={rowClassName?.(row)}>
                  {columns.map((c) => (
                    <Table.Td
                      key={c.key}
                      ta={numeric(c) ? "right" : "left"}
                      className={numeric(c) ? "num" : undefined}
                    >
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
          {footer ? (
            <Table.Tfoot>
              <Table.Tr className="total-row">
                {columns.map((c) => (
                  <Table.Td
                    key={c.key}
                    ta={numeric(c) ? "right" : "left"}
                    fw={700}
                    className={numeric(c) ? "num" : undefined}
                  >
                    {c.cell(footer)}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          ) : null}
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
