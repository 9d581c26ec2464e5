import { Alert, Button, Container, Group, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useOutletContext } from "react-router";
import type { ExchangeRate } from "../../../contracts/exchange-rates.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff } from "../accounts/session.ts";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { BlockedRecords } from "./BlockedRecords.tsx";
import { RatesUpload } from "./RatesUpload.tsx";
import { RATES_PAGE, type RatesFilter, useRates } from "./rates-api.ts";

/** The currencies of the member states and partners ESCA Hub ships rates for. */
const SHIPPED = [
  "AUD",
  "BZD",
  "CAD",
  "CHF",
  "CLP",
  "COP",
  "CRC",
  "DOP",
  "EUR",
  "GBP",
  "GTQ",
  "HNL",
  "ILS",
  "JPY",
  "KRW",
  "MXN",
  "NIO",
  "NOK",
  "PAB",
  "SEK",
];

/** The secretariat's exchange rates: the stored rates, a CSV upload, what a gap blocks. */
export function ExchangeRatesPage() {
  const { t, fmt } = useI18n();
  const { user } = useOutletContext<WorkspaceContext>();
  const [filter, setFilter] = useState<RatesFilter>({ currency: "", year: "", offset: 0 });
  const [year, setYear] = useState("");
  const rates = useRates(filter);
  if (!isStaff(user))
    return (
      <Container size="xl" py="lg">
        <Alert color="red" title={t("workspace.forbiddenTitle")}>
          {t("rates.notAllowed")}
        </Alert>
      </Container>
    );
  const yearValid = year === "" || /^\d{4}$/.test(year);
  const columns: Column<ExchangeRate>[] = [
    {
      key: "currency",
      header: t("rates.currency"),
      cell: (r) => r.currency,
      value: (r) => r.currency,
    },
    { key: "date", header: t("rates.date"), cell: (r) => fmt.date(r.date), value: (r) => r.date },
    {
      key: "usd_per_unit",
      header: t("rates.usdPerUnit"),
      cell: (r) => r.usd_per_unit.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, ""),
      value: (r) => r.usd_per_unit,
      kind: "number",
    },
    {
      key: "basis",
      header: t("rates.basis"),
      cell: (r) => t(`rateBasis.${r.basis}`),
      value: (r) => r.basis,
    },
    { key: "source", header: t("rates.source"), cell: (r) => r.source, value: (r) => r.source },
  ];
  const page = rates.data?.page;
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("rates.title")}
        description={t("rates.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("rates.listTitle")} id="rates-list" description={t("rates.listHelp")}>
            <Stack gap="sm">
              <Group align="flex-end" gap="sm">
                <Select
                  label={t("rates.currency")}
                  clearable
                  searchable
                  data={SHIPPED}
                  value={filter.currency || null}
                  onChange={(currency) =>
                    setFilter((f) => ({ ...f, currency: currency ?? "", offset: 0 }))
                  }
                  w={160}
                />
                <TextInput
                  label={t("rates.year")}
                  inputMode="numeric"
                  maxLength={4}
                  value={year}
                  onChange={(e) => {
                    const next = e.currentTarget.value.trim();
                    setYear(next);
                    if (next === "" || /^\d{4}$/.test(next))
                      setFilter((f) => ({ ...f, year: next, offset: 0 }));
                  }}
                  error={yearValid ? undefined : t("rates.yearInvalid")}
                  w={120}
                />
              </Group>
              <QueryState query={rates}>
                {(list) => (
                  <DataTable
                    caption={t("rates.listTitle")}
                    fileName="esca-exchange-rates"
                    columns={columns}
                    rows={list.data}
                    rowKey={(r) => `${r.currency} ${r.date}`}
                    summary={t("rates.count", { shown: list.data.length, total: list.page.total })}
                  />
                )}
              </QueryState>
              {page && page.total > RATES_PAGE ? (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    disabled={filter.offset === 0}
                    onClick={() =>
                      setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - RATES_PAGE) }))
                    }
                  >
                    {t("rates.previous")}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={filter.offset + RATES_PAGE >= page.total}
                    onClick={() => setFilter((f) => ({ ...f, offset: f.offset + RATES_PAGE }))}
                  >
                    {t("rates.next")}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Section>
          <RatesUpload />
          <BlockedRecords />
        </Stack>
      </Container>
    </>
  );
}
