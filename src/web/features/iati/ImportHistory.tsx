import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { HISTORY_PAGE, type ImportJobListItem, useImportJobs } from "./iati-api.ts";
import { fileSize, outcomeLabel, outcomeOf } from "./iati-format.ts";
import { OutcomeBadge } from "./OutcomeBadge.tsx";
import { textColumn } from "./text-column.ts";

/** Every upload the reader may see (everyone's for the secretariat), newest first, a page at a time. */
export function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, fmt } = useI18n();
  const [offset, setOffset] = useState(0);
  const jobs = useImportJobs(offset);
  const problems = (j: ImportJobListItem) =>
    Math.max(j.summary?.problemCount ?? 0, j.validation?.problemCount ?? 0);
  const columns: Column<ImportJobListItem>[] = [
    {
      key: "started",
      header: t("iati.history.started"),
      cell: (j) => fmt.dateTime(j.createdAt),
      value: (j) => j.createdAt,
    },
    { key: "file", header: t("iati.history.file"), cell: (j) => j.file, value: (j) => j.file },
    {
      key: "size",
      header: t("iati.history.size"),
      kind: "number",
      cell: (j) => fileSize(j.totalBytes, fmt.locale),
      value: (j) => j.totalBytes,
    },
    {
      key: "mode",
      header: t("iati.history.mode"),
      cell: (j) => t(j.dryRun ? "iati.mode.dryRun" : "iati.mode.import"),
      value: (j) => t(j.dryRun ? "iati.mode.dryRun" : "iati.mode.import"),
    },
    textColumn("by", t("iati.history.by"), (j) => j.createdBy),
    {
      key: "status",
      header: t("iati.history.status"),
      cell: (j) => <OutcomeBadge job={j} />,
      value: (j) => outcomeLabel(t, outcomeOf(j)),
    },
    {
      key: "activities",
      header: t("iati.count.activities"),
      kind: "number",
      cell: (j) => (j.summary ? fmt.number(j.summary.activities) : "—"),
      value: (j) => j.summary?.activities ?? null,
    },
    {
      key: "problems",
      header: t("iati.count.problems"),
      kind: "number",
      cell: (j) => (j.summary || j.validation ? fmt.number(problems(j)) : "—"),
      value: (j) => (j.summary || j.validation ? problems(j) : null),
    },
    {
      key: "open",
      header: t("iati.history.report"),
      cell: (j) => (
        <Button
          size="compact-xs"
          variant="outline"
          onClick={() => onOpen(j.id)}
          aria-label={t("iati.history.openOf", { file: j.file, when: fmt.dateTime(j.createdAt) })}
        >
          {t("iati.history.open")}
        </Button>
      ),
      value: (j) => j.id,
    },
  ];
  return (
    <QueryState query={jobs}>
      {(list) => {
        const { total } = list.page;
        const last = Math.min(offset + list.data.length, total);
        return (
          <>
            <DataTable
              caption={t("iati.history.title")}
              fileName="esca-iati-imports"
              rows={list.data}
              rowKey={(j) => j.id}
              columns={columns}
              summary={
                total > 0
                  ? t("iati.page", {
                      from: fmt.number(offset + 1),
                      to: fmt.number(last),
                      total: fmt.number(total),
                    })
                  : undefined
              }
            />
            {total > HISTORY_PAGE ? (
              <Group justify="flex-end" gap="xs" mt="xs">
                <Button
                  size="compact-sm"
                  variant="default"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE))}
                >
                  {t("iati.previous")}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  disabled={last >= total}
                  onClick={() => setOffset(offset + HISTORY_PAGE)}
                >
                  {t("iati.next")}
                </Button>
              </Group>
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}
