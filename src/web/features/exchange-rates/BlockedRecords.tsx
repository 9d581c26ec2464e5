import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { BlockedRecord } from "../../../contracts/exchange-rates.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { useBlockedByRate } from "./rates-api.ts";

/** The records a missing rate blocks, and the missing (currency, date) pairs. */
export function BlockedRecords() {
  const { t, fmt } = useI18n();
  const blocked = useBlockedByRate();
  const columns: Column<BlockedRecord>[] = [
    {
      key: "kind",
      header: t("rates.blocked.kind"),
      cell: (r) => t(`rates.kind.${r.kind}`),
      value: (r) => r.kind,
    },
    {
      key: "label",
      header: t("rates.blocked.record"),
      cell: (r) =>
        r.kind === "initiative" ? (
          <Anchor component={Link} to={`/workspace/initiatives/${r.id}`}>
            {r.label}
          </Anchor>
        ) : r.line !== null ? (
          t("rates.blocked.atLine", { label: r.label, line: r.line })
        ) : (
          r.label
        ),
      value: (r) => r.label,
    },
    {
      key: "initiative",
      header: t("rates.blocked.initiative"),
      cell: (r) =>
        r.initiative_code
          ? `${r.initiative_code}${r.status ? ` · ${t(`status.${r.status}`)}` : ""}`
          : "—",
      value: (r) => r.initiative_code ?? "",
    },
    {
      key: "currency",
      header: t("rates.currency"),
      cell: (r) => r.currency,
      value: (r) => r.currency,
    },
    {
      key: "date",
      header: t("rates.blocked.valueDate"),
      cell: (r) => fmt.date(r.value_date),
      value: (r) => r.value_date,
    },
  ];
  return (
    <Section
      title={t("rates.blocked.title")}
      id="rates-blocked"
      description={t("rates.blocked.help")}
    >
      <QueryState query={blocked}>
        {(answer) =>
          answer.total === 0 ? (
            <Text size="sm" data-testid="nothing-blocked">
              {t("rates.blocked.none")}
            </Text>
          ) : (
            <Stack gap="sm" data-testid="blocked-records">
              <Text size="sm">
                {answer.missing
                  .slice(0, 20)
                  .map((m) =>
                    t("rates.blocked.missing", {
                      currency: m.currency,
                      date: fmt.date(m.date),
                      days: answer.lookback_days,
                      count: m.records,
                    }),
                  )
                  .join(" · ")}
              </Text>
              <DataTable
                caption={t("rates.blocked.title")}
                fileName="esca-blocked-by-missing-rate"
                columns={columns}
                rows={answer.data}
                rowKey={(r) => `${r.kind} ${r.id}`}
                summary={t("rates.count", { shown: answer.data.length, total: answer.total })}
              />
            </Stack>
          )
        }
      </QueryState>
    </Section>
  );
}
