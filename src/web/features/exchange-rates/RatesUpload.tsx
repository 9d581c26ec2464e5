import { Alert, Badge, Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RateCsvProblem, RatesPreview } from "../../../contracts/exchange-rates.ts";
import { type MessageKey, useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { importRates, previewRates } from "./rates-api.ts";

type PreviewRow = RatesPreview["rows"][number];
const actionColor = { add: "green", replace: "orange", unchanged: "gray" } as const;
const trimRate = (rate: string) => rate.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

/** Upload a rates CSV: see what it would add or replace and its problems, then apply it. */
export function RatesUpload() {
  const { t, fmt, lang } = useI18n();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (text: string) => previewRates(text) });
  const apply = useMutation({
    mutationFn: (text: string) => importRates(text),
    onSuccess: () => {
      setFile(null);
      setCsv(null);
      preview.reset();
      void client.invalidateQueries({ queryKey: ["exchange-rates"] });
    },
  });
  const choose = async (next: File | null) => {
    setFile(next);
    preview.reset();
    apply.reset();
    const text = next ? await next.text() : null;
    setCsv(text);
    if (text !== null) preview.mutate(text);
  };
  const problemText = (p: RateCsvProblem) => {
    const key = `rates.problem.${p.code}` as MessageKey;
    const worded = t(key, p.values);
    return worded === key ? p.message : worded;
  };
  const where = (p: RateCsvProblem) =>
    p.column
      ? t("rates.problemAt", { line: p.line, column: p.column })
      : t("rates.problemLine", { line: p.line });
  const plan = preview.data;
  const toWrite = plan ? plan.counts.add + plan.counts.replace : 0;
  const columns: Column<PreviewRow>[] = [
    {
      key: "line",
      header: t("rates.line"),
      cell: (r) => r.line,
      value: (r) => r.line,
      kind: "number",
    },
    {
      key: "action",
      header: t("rates.action"),
      cell: (r) => (
        <Badge variant="light" color={actionColor[r.action]}>
          {t(`rates.action.${r.action}`)}
        </Badge>
      ),
      value: (r) => r.action,
    },
    {
      key: "currency",
      header: t("rates.currency"),
      cell: (r) => r.currency,
      value: (r) => r.currency,
    },
    { key: "date", header: t("rates.date"), cell: (r) => fmt.date(r.date), value: (r) => r.date },
    {
      key: "rate",
      header: t("rates.usdPerUnit"),
      cell: (r) =>
        r.current && r.action === "replace"
          ? t("rates.replaces", {
              rate: trimRate(r.usd_per_unit),
              current: trimRate(r.current.usd_per_unit),
            })
          : trimRate(r.usd_per_unit),
      value: (r) => r.usd_per_unit,
    },
    {
      key: "basis",
      header: t("rates.basis"),
      cell: (r) => t(`rateBasis.${r.basis}`),
      value: (r) => r.basis,
    },
    { key: "source", header: t("rates.source"), cell: (r) => r.source, value: (r) => r.source },
  ];
  return (
    <Section title={t("rates.uploadTitle")} id="rates-upload" description={t("rates.uploadHelp")}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t("rates.file")}
            placeholder={t("rates.filePlaceholder")}
            styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
            accept=".csv,text/csv"
            value={file}
            onChange={(next) => void choose(next)}
            clearable
            w={{ base: "100%", sm: 420 }}
            data-testid="rates-file"
          />
        </Group>
        <ApiErrorAlert error={preview.error} />
        {plan ? (
          <Stack gap="sm" data-testid="rates-preview" lang={lang}>
            <Text size="sm">
              {t("rates.previewCounts", {
                add: plan.counts.add,
                replace: plan.counts.replace,
                unchanged: plan.counts.unchanged,
              })}
            </Text>
            {plan.problems.length > 0 ? (
              <Alert color="red" title={t("rates.problemsTitle", { count: plan.problems.length })}>
                <Stack gap={2} data-testid="rates-problems">
                  {plan.problems.slice(0, 200).map((p) => (
                    <Text size="sm" key={`${p.line}:${p.column}:${p.code}`}>
                      {where(p)}: {problemText(p)}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            ) : null}
            <DataTable
              caption={t("rates.previewTitle")}
              fileName="esca-rates-preview"
              columns={columns}
              rows={plan.rows.filter((r) => r.action !== "unchanged")}
              rowKey={(r) => String(r.line)}
            />
            <ApiErrorAlert error={apply.error} />
            {plan.problems.length > 0 ? (
              <Text size="sm">{t("rates.fixFirst")}</Text>
            ) : toWrite === 0 ? (
              <Text size="sm">{t("rates.nothingToApply")}</Text>
            ) : (
              <Group>
                <Button
                  onClick={() => csv !== null && apply.mutate(csv)}
                  loading={apply.isPending}
                  data-testid="rates-apply"
                >
                  {t("rates.apply", { count: toWrite })}
                </Button>
              </Group>
            )}
          </Stack>
        ) : null}
        {apply.data ? (
          <Alert color="green" title={t("rates.appliedTitle")}>
            {t("rates.applied", { created: apply.data.created, updated: apply.data.updated })}
          </Alert>
        ) : null}
      </Stack>
    </Section>
  );
}
