import { List, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import type { PlanAction, PlanRow, WorkbookPlan } from "../../../contracts/spreadsheets.ts";
import { columnLabel } from "../../../contracts/workbook-labels.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { TintedBadge } from "../../ui/TintedBadge.tsx";
import { problemLines } from "./plan-problems.ts";

/** Tinted background, dark text (at least 7:1), as the status badges. */
const actionColors: Record<PlanAction, { bg: string; fg: string; accent: string }> = {
  added: { bg: "#dff3e6", fg: "#1d5b33", accent: "#2f9e44" },
  changed: { bg: "#e1ecfa", fg: "#123f7a", accent: "#1c7ed6" },
  unchanged: { bg: "#eef1f4", fg: "#38414d", accent: "#868e96" },
  removed: { bg: "#fff0db", fg: "#7a3d00", accent: "#e8590c" },
  error: { bg: "#fbe2e2", fg: "#8c1c1c", accent: "#e03131" },
};
const actions: PlanAction[] = ["added", "changed", "unchanged", "removed", "error"];

function ActionBadge({ action }: { action: PlanAction }) {
  const { t } = useI18n();
  return (
    <TintedBadge tint={actionColors[action]} data-action={action}>
      {t(`spreadsheets.action.${action}`)}
    </TintedBadge>
  );
}

/** What one row does: each changed cell as before → after, or the row's errors. */
function RowDetails({ row }: { row: PlanRow }) {
  const { t, lang } = useI18n();
  const shown = (value: string) => (value === "" ? t("spreadsheets.emptyCell") : value);
  return (
    <Stack gap={4}>
      {row.changes.length > 0 ? (
        <List size="sm" spacing={2}>
          {row.changes.map((change) => (
            <List.Item key={change.field} data-testid="plan-change" data-field={change.field}>
              <strong>{columnLabel(change.field, lang)}</strong>{" "}
              <span className="plan-before">{shown(change.from)}</span>
              {" → "}
              <strong className="plan-after">{shown(change.to)}</strong>
            </List.Item>
          ))}
        </List>
      ) : null}
      {row.problems.length > 0 ? (
        <List size="sm" spacing={2} c="#8c1c1c">
          {problemLines(row, t, lang).map((line) => (
            <List.Item key={line} data-testid="plan-error">
              {line}
            </List.Item>
          ))}
        </List>
      ) : null}
      {row.action === "added" ? <Text size="sm">{t("spreadsheets.newRow")}</Text> : null}
      {row.action === "removed" ? <Text size="sm">{t("spreadsheets.reversedRow")}</Text> : null}
      {row.action === "unchanged" ? (
        <Text size="sm" c="dimmed">
          {t("spreadsheets.sameAsHub")}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The preview (or the applied result): counts per action, then the rows that do something. */
export function WorkbookPlanView({
  plan,
  caption,
  fileName,
  applied = false,
}: {
  plan: WorkbookPlan;
  caption: string;
  fileName: string;
  /** The result of apply: counts say what was done, not what would be. */
  applied?: boolean;
}) {
  const { t, fmt, lang } = useI18n();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const rows = plan.rows.filter((row) => showUnchanged || row.action !== "unchanged");
  const columns: Column<PlanRow>[] = [
    {
      key: "sheet",
      header: t("spreadsheets.sheet"),
      cell: (r) => t(`spreadsheets.sheet.${r.sheet}`),
      value: (r) => r.sheet,
    },
    {
      key: "row",
      header: t("spreadsheets.row"),
      kind: "number",
      cell: (r) => fmt.number(r.row),
      value: (r) => r.row,
    },
    { key: "key", header: t("spreadsheets.key"), cell: (r) => r.key, value: (r) => r.key },
    {
      key: "action",
      header: t("spreadsheets.actionHeader"),
      cell: (r) => <ActionBadge action={r.action} />,
      value: (r) => t(`spreadsheets.action.${r.action}`),
    },
    {
      key: "details",
      header: t("spreadsheets.details"),
      cell: (r) => <RowDetails row={r} />,
      value: (r) =>
        [
          ...r.changes.map((c) => `${columnLabel(c.field, lang)}: ${c.from} → ${c.to}`),
          ...problemLines(r, t, lang),
        ].join("; "),
    },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {actions.map((action) => (
          <StatCard
            key={action}
            label={t(applied ? `spreadsheets.action.${action}` : `spreadsheets.count.${action}`)}
            value={fmt.number(plan.counts[action])}
            accent={actionColors[action].accent}
            testId={`plan-count-${action}`}
          />
        ))}
      </SimpleGrid>
      <Switch
        label={t("spreadsheets.showUnchanged")}
        checked={showUnchanged}
        onChange={(event) => setShowUnchanged(event.currentTarget.checked)}
      />
      <DataTable
        caption={caption}
        fileName={fileName}
        rows={rows}
        rowKey={(r) => `${r.sheet}:${r.row}`}
        columns={columns}
        summary={t("spreadsheets.rowsShown", { shown: rows.length, total: plan.rows.length })}
      />
    </Stack>
  );
}
