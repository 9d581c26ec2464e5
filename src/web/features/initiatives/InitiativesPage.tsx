import { Button, Container, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { initiativeStatuses, memberStates } from "../../../contracts/enum-values.ts";
import {
  fetchAllInitiatives,
  useComponents,
  useInitiatives,
  useOrganizations,
} from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { ListPagination } from "../../ui/ListPagination.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { initiativeColumns } from "./initiative-columns.tsx";

const PAGE_SIZE = 20;
const sorts = [
  "code",
  "-budget_usd",
  "budget_usd",
  "-committed",
  "committed",
  "-disbursed",
  "disbursed",
  "-gap",
  "gap",
  "-start_date",
  "start_date",
  "status",
  "-updated_at",
] as const;
const filterNames = [
  "q",
  "component",
  "country",
  "status",
  "partner",
  "illustrative",
  "sort",
  "page",
] as const;

/** Filters, sort and page live in the URL, so any view of the list can be shared. */
export function InitiativesPage() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const value = (name: (typeof filterNames)[number]) => params.get(name) ?? undefined;
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const filters = {
    q: value("q"),
    component: value("component"),
    country: value("country"),
    status: value("status"),
    partner: value("partner"),
    illustrative: value("illustrative"),
    sort: value("sort") ?? "code",
  };
  const query = { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const initiatives = useInitiatives(query);
  const components = useComponents();
  const organizations = useOrganizations();
  const [text, setText] = useState(query.q ?? "");

  const update = (name: (typeof filterNames)[number], next: string | null) => {
    const updated = new URLSearchParams(params);
    if (next) updated.set(name, next);
    else updated.delete(name);
    if (name !== "page") updated.delete("page");
    setParams(updated, { replace: name === "q" });
  };
  const updateText = useDebouncedCallback((next: string) => update("q", next.trim() || null), 350);
  const partners = (organizations.data?.data ?? []).filter((o) => o.kind !== "member_state");
  const hasFilters = filterNames.some(
    (name) => name !== "sort" && name !== "page" && params.has(name),
  );

  return (
    <>
      <PageHeader
        kicker={t("nav.initiatives")}
        title={t("initiatives.title")}
        description={t("initiatives.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("initiatives.filters")} id="filters">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
              <TextInput
                label={t("initiatives.search")}
                placeholder={t("initiatives.searchPlaceholder")}
                value={text}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  updateText(event.currentTarget.value);
                }}
              />
              <Select
                label={t("initiative.component")}
                placeholder={t("initiatives.any")}
                clearable
                value={query.component ?? null}
                onChange={(next) => update("component", next)}
                data={(components.data?.data ?? []).map((c) => ({
                  value: c.code,
                  label: `${c.code} · ${pick(c.name)}`,
                }))}
              />
              <Select
                label={t("initiative.country")}
                placeholder={t("initiatives.any")}
                clearable
                value={query.country ?? null}
                onChange={(next) => update("country", next)}
                data={memberStates.map((code) => ({ value: code, label: fmt.country(code) }))}
              />
              <Select
                label={t("initiative.status")}
                placeholder={t("initiatives.any")}
                clearable
                value={query.status ?? null}
                onChange={(next) => update("status", next)}
                data={initiativeStatuses.map((status) => ({
                  value: status,
                  label: t(`status.${status}`),
                }))}
              />
              <Select
                label={t("initiative.partner")}
                placeholder={t("initiatives.any")}
                clearable
                searchable
                value={query.partner ?? null}
                onChange={(next) => update("partner", next)}
                data={partners.map((o) => ({ value: o.code, label: pick(o.name) }))}
              />
              <Select
                label={t("initiatives.illustrative")}
                placeholder={t("initiatives.any")}
                clearable
                value={query.illustrative ?? null}
                onChange={(next) => update("illustrative", next)}
                data={[
                  { value: "true", label: t("initiatives.illustrativeOnly") },
                  { value: "false", label: t("initiatives.sourcedOnly") },
                ]}
              />
              <Select
                label={t("initiatives.sort")}
                value={query.sort}
                allowDeselect={false}
                onChange={(next) => update("sort", next)}
                data={sorts.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
              />
            </SimpleGrid>
            {hasFilters ? (
              <Button
                variant="subtle"
                size="compact-sm"
                mt="sm"
                onClick={() => {
                  setText("");
                  setParams(
                    new URLSearchParams(
                      params.has("lang") ? { lang: params.get("lang") ?? "" } : {},
                    ),
                  );
                }}
              >
                {t("initiatives.clear")}
              </Button>
            ) : null}
          </Section>
          <Section title={t("initiatives.results")} id="results">
            <QueryState query={initiatives}>
              {(list) => (
                <Stack gap="sm">
                  <DataTable
                    caption={t("initiatives.results")}
                    summary={
                      <span data-testid="initiatives-total">
                        {t("initiatives.count", { count: list.page.total })}
                      </span>
                    }
                    fileName="esca-initiatives"
                    rows={list.data}
                    exportRows={() => fetchAllInitiatives(filters)}
                    rowKey={(i) => i.id}
                    columns={initiativeColumns(i18n)}
                  />
                  <ListPagination
                    total={list.page.total}
                    pageSize={PAGE_SIZE}
                    page={page}
                    onChange={(next) => update("page", String(next))}
                  />
                </Stack>
              )}
            </QueryState>
          </Section>
        </Stack>
      </Container>
    </>
  );
}
