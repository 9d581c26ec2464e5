import { Container, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOutletContext } from "react-router";
import { userListSchema } from "../../../contracts/accounts.ts";
import { auditListSchema } from "../../../contracts/audit.ts";
import { auditedTables } from "../../../contracts/audit-fields.ts";
import { api } from "../../api/client.ts";
import { useOrganizations } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { ListPagination } from "../../ui/ListPagination.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { AuditChanges } from "./AuditChanges.tsx";
import {
  actionLabel,
  auditActions,
  fieldChanges,
  tableLabel,
  type Words,
  whoText,
} from "./audit-words.ts";
import { ChainVerification } from "./ChainVerification.tsx";

const PAGE_SIZE = 25;
const ACTION_FILTERS = auditActions.filter((a) => a !== "truncate");

interface Filters {
  table: string | null;
  action: string | null;
  organization: string | null;
  user: string | null;
  from: string;
  to: string;
}
const noFilters: Filters = {
  table: null,
  action: null,
  organization: null,
  user: null,
  from: "",
  to: "",
};

/** The day after an ISO date: "up to the 30th inclusive" is "before the 31st". */
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The secretariat's view of the whole audit trail: filters by record type, action, the acting
 * user's organization and account, and dates; a page at a time, newest first; and the chain's
 * verification. The API refuses everyone else.
 */
export function AuditBrowserPage() {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const words: Words = { t, fmt, pick };
  const { staff } = useOutletContext<WorkspaceContext>();
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const set = (patch: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setPage(1);
  };
  const badRange = filters.from !== "" && filters.to !== "" && filters.from > filters.to;
  const organizations = useOrganizations();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => api.get("/users", userListSchema, { limit: 500 }),
    enabled: staff,
  });
  const entries = useQuery({
    queryKey: ["audit", "browse", filters, page],
    queryFn: () =>
      api.get("/audit", auditListSchema, {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        entity_type: filters.table ?? undefined,
        action: filters.action ?? undefined,
        organization_id: filters.organization ?? undefined,
        actor_user_id: filters.user ?? undefined,
        from: filters.from || undefined,
        to: filters.to ? dayAfter(filters.to) : undefined,
      }),
    enabled: staff && !badRange,
  });
  const all = t("audit.filter.all");
  return (
    <>
      <PageHeader
        title={t("audit.browser.title")}
        description={t("audit.browser.lead")}
        crumbs={[{ to: "/workspace", label: t("nav.workspace") }]}
      />
      <Container size="xl">
        <Stack gap="lg">
          <Section title={t("audit.verify.title")} description={t("audit.verify.help")} id="verify">
            <ChainVerification
              onVerified={() => void client.invalidateQueries({ queryKey: ["audit", "browse"] })}
            />
          </Section>
          <Section title={t("audit.browser.title")} id="entries">
            <Stack gap="md">
              <Group align="flex-end" gap="sm" wrap="wrap" role="search">
                <Select
                  label={t("audit.filter.table")}
                  placeholder={all}
                  clearable
                  searchable
                  value={filters.table}
                  onChange={(table) => set({ table })}
                  data={auditedTables
                    .map((table) => ({ value: table, label: tableLabel(table, t) }))
                    .sort((a, b) => a.label.localeCompare(b.label, fmt.locale))}
                />
                <Select
                  label={t("audit.filter.action")}
                  placeholder={all}
                  clearable
                  value={filters.action}
                  onChange={(action) => set({ action })}
                  data={ACTION_FILTERS.map((action) => ({
                    value: action,
                    label: actionLabel({ action, after: null }, t),
                  }))}
                />
                <Select
                  label={t("audit.filter.organization")}
                  placeholder={all}
                  clearable
                  searchable
                  value={filters.organization}
                  onChange={(organization) => set({ organization })}
                  data={(organizations.data?.data ?? []).map((o) => ({
                    value: o.id,
                    label: `${o.code} · ${pick(o.name)}`,
                  }))}
                />
                <Select
                  label={t("audit.filter.user")}
                  placeholder={all}
                  clearable
                  searchable
                  value={filters.user}
                  onChange={(user) => set({ user })}
                  data={(users.data?.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.name} <${u.email}>`,
                  }))}
                />
                <TextInput
                  type="date"
                  label={t("audit.filter.from")}
                  value={filters.from}
                  onChange={(event) => set({ from: event.currentTarget.value })}
                  error={badRange ? t("audit.filter.badRange") : undefined}
                />
                <TextInput
                  type="date"
                  label={t("audit.filter.to")}
                  value={filters.to}
                  onChange={(event) => set({ to: event.currentTarget.value })}
                />
              </Group>
              {badRange ? null : (
                <QueryState query={entries}>
                  {(list) => (
                    <Stack gap="sm">
                      <Text size="sm" c="dimmed" aria-live="polite">
                        {t("audit.count", { count: fmt.number(list.page.total) })}
                      </Text>
                      {list.data.length === 0 ? (
                        <Text size="sm">{t("audit.empty")}</Text>
                      ) : (
                        <Table.ScrollContainer minWidth={900}>
                          <Table fz="sm" striped verticalSpacing="xs" data-testid="audit-entries">
                            <Table.Thead>
                              <Table.Tr>
                                <Table.Th scope="col">{t("audit.seq")}</Table.Th>
                                <Table.Th scope="col">{t("audit.when")}</Table.Th>
                                <Table.Th scope="col">{t("audit.who")}</Table.Th>
                                <Table.Th scope="col">{t("audit.record")}</Table.Th>
                                <Table.Th scope="col">{t("audit.action")}</Table.Th>
                                <Table.Th scope="col">{t("audit.changed")}</Table.Th>
                              </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                              {list.data.map((entry) => (
                                <Table.Tr key={entry.id}>
                                  <Table.Td className="num">{entry.seq}</Table.Td>
                                  <Table.Td className="num">{fmt.dateTime(entry.at)}</Table.Td>
                                  <Table.Td>{whoText(entry.who, words)}</Table.Td>
                                  <Table.Td>
                                    {tableLabel(entry.entity_type, t)}
                                    {entry.entity_id ? (
                                      <Text size="xs" c="dimmed" className="hash">
                                        {entry.entity_id}
                                      </Text>
                                    ) : null}
                                  </Table.Td>
                                  <Table.Td>{actionLabel(entry, t)}</Table.Td>
                                  <Table.Td>
                                    <AuditChanges changes={fieldChanges(entry, list.refs, words)} />
                                    <Text size="xs" c="dimmed" className="hash">
                                      {t("audit.details", {
                                        request: entry.request_id ?? "—",
                                        address: entry.client_address ?? "—",
                                        hash: entry.hash.slice(0, 12),
                                      })}
                                    </Text>
                                  </Table.Td>
                                </Table.Tr>
                              ))}
                            </Table.Tbody>
                          </Table>
                        </Table.ScrollContainer>
                      )}
                      <ListPagination
                        total={list.page.total}
                        pageSize={PAGE_SIZE}
                        page={page}
                        onChange={setPage}
                      />
                    </Stack>
                  )}
                </QueryState>
              )}
            </Stack>
          </Section>
        </Stack>
      </Container>
    </>
  );
}
