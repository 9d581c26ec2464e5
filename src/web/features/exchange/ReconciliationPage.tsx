import { Alert, Button, Container, MultiSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useOrganizations } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import {
  DEFAULT_THRESHOLD,
  type ReconciliationQuery,
  reconciliationCsvUrl,
  THRESHOLD_PATTERN,
  usePublications,
  useReconciliation,
} from "./exchange-api.ts";
import { differenceColumns, publicationColumns } from "./reconciliation-columns.tsx";

/** The differences, for a threshold and partners kept in the URL (a view can be shared). */
function Differences({ query }: { query: ReconciliationQuery }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const differences = useReconciliation(query);
  return (
    <Section
      title={t("reconciliation.differences")}
      id="differences"
      description={t("reconciliation.differencesHelp")}
      actions={
        <Button
          component="a"
          href={reconciliationCsvUrl(query)}
          download
          size="compact-sm"
          variant="light"
          data-testid="reconciliation-csv"
        >
          {t("reconciliation.csv")}
        </Button>
      }
    >
      <QueryState query={differences}>
        {(result) => (
          <DataTable
            caption={t("reconciliation.differences")}
            fileName="esca-reconciliation-table"
            rows={result.data}
            rowKey={(d) => `${d.partner.id}/${d.initiative?.id ?? ""}/${d.year ?? ""}/${d.measure}`}
            columns={differenceColumns(i18n)}
            summary={
              <span data-testid="reconciliation-count">
                {t("reconciliation.count", {
                  count: result.data.length,
                  threshold: fmt.money(result.threshold, "USD"),
                })}
              </span>
            }
          />
        )}
      </QueryState>
    </Section>
  );
}

/** Recorded in ESCA Hub vs published by each partner in IATI, per initiative and year. */
export function ReconciliationPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const publications = usePublications();
  const organizations = useOrganizations();
  const threshold = params.get("threshold") ?? DEFAULT_THRESHOLD;
  const partner = (params.get("partner") ?? "").split(",").filter(Boolean);
  const [text, setText] = useState(threshold);
  const valid = THRESHOLD_PATTERN.test(text.trim());
  const update = (name: "threshold" | "partner", next: string) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set(name, next);
    else updated.delete(name);
    setParams(updated, { replace: name === "threshold" });
  };
  const updateThreshold = useDebouncedCallback((next: string) => {
    if (THRESHOLD_PATTERN.test(next.trim())) update("threshold", next.trim());
  }, 350);
  const byId = new Map((organizations.data?.data ?? []).map((o) => [o.id, o]));
  const safeThreshold = THRESHOLD_PATTERN.test(threshold) ? threshold : DEFAULT_THRESHOLD;

  return (
    <>
      <PageHeader
        kicker={t("reconciliation.kicker")}
        title={t("reconciliation.title")}
        description={t("reconciliation.lead")}
      />
      <Container size="xl">
        <QueryState query={publications}>
          {({ data }) =>
            data.length === 0 ? (
              <Alert
                color="blue"
                variant="light"
                title={t("reconciliation.emptyTitle")}
                data-testid="reconciliation-empty"
              >
                {t("reconciliation.emptyBody")}
              </Alert>
            ) : (
              <Stack gap="lg">
                <Section title={t("reconciliation.filters")} id="reconciliation-filters">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <TextInput
                      label={t("reconciliation.threshold")}
                      description={t("reconciliation.thresholdHelp")}
                      inputMode="decimal"
                      value={text}
                      error={valid ? undefined : t("reconciliation.thresholdInvalid")}
                      onChange={(event) => {
                        setText(event.currentTarget.value);
                        updateThreshold(event.currentTarget.value);
                      }}
                    />
                    <MultiSelect
                      label={t("reconciliation.partners")}
                      description={t("reconciliation.partnersHelp")}
                      placeholder={partner.length === 0 ? t("reconciliation.allPartners") : ""}
                      clearable
                      searchable
                      value={partner}
                      onChange={(next) => update("partner", next.join(","))}
                      data={data.map((p) => {
                        const org = byId.get(p.partner_id);
                        return {
                          value: org?.code ?? p.publisher_ref,
                          label: org ? `${pick(org.name)} (${org.code})` : p.publisher_ref,
                        };
                      })}
                    />
                  </SimpleGrid>
                </Section>
                <Differences query={{ threshold: safeThreshold, partner }} />
                <Section title={t("reconciliation.publications")} id="publications">
                  <DataTable
                    caption={t("reconciliation.publications")}
                    fileName="esca-iati-publications"
                    rows={data.map((p) => ({ ...p, partner: byId.get(p.partner_id) }))}
                    rowKey={(p) => p.publisher_ref}
                    columns={publicationColumns(i18n)}
                  />
                </Section>
              </Stack>
            )
          }
        </QueryState>
      </Container>
    </>
  );
}
