import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  SegmentedControl,
  Stack,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Link, useOutletContext } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import {
  ACTIVITY_PAGE,
  type ActivityLink,
  type ActivityQuery,
  type ImportedActivity,
  type LinkResult,
  useActivityLinks,
  useImportedActivities,
} from "./iati-api.ts";
import { LinkDialog, type LinkTarget } from "./LinkDialog.tsx";
import { textColumn } from "./text-column.ts";

type LinkedFilter = "all" | "true" | "false";

const initiativeLink = (initiative: { id: string; code: string }) => (
  <Anchor component={Link} to={`/workspace/initiatives/${initiative.id}`} size="sm" fw={600}>
    {initiative.code}
  </Anchor>
);

/**
 * Partners' imported activities and the initiative each supports: found by the activity's own
 * references, or by the secretariat's mapping, which is edited here.
 */
export function ActivityLinksPage() {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const { staff } = useOutletContext<WorkspaceContext>();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState<ActivityQuery>({ offset: 0 });
  const activities = useImportedActivities(query);
  const links = useActivityLinks();
  const [target, setTarget] = useState<LinkTarget | null>(null);
  const [saved, setSaved] = useState<{ identifier: string; result: LinkResult } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...query, q: search.trim() || undefined, offset: 0 });
  };
  const sourceLabel = (a: ImportedActivity) =>
    a.link_source ? t(`iati.links.source.${a.link_source}`) : t("iati.links.source.none");
  const columns: Column<ImportedActivity>[] = [
    textColumn("identifier", t("iati.links.identifier"), (a) => a.iati_identifier),
    textColumn("publisher", t("iati.links.publisher"), (a) => a.publisher_ref),
    {
      key: "title",
      header: t("iati.links.title"),
      cell: (a) => <BilingualText value={a.title} />,
      value: (a) => pick(a.title),
    },
    {
      key: "transactions",
      header: t("iati.count.transactions"),
      kind: "number",
      cell: (a) => fmt.number(a.transaction_count),
      value: (a) => a.transaction_count,
    },
    {
      key: "initiative",
      header: t("iati.links.initiative"),
      cell: (a) => (a.initiative ? initiativeLink(a.initiative) : "—"),
      value: (a) => a.initiative?.code ?? null,
    },
    { key: "source", header: t("iati.links.by"), cell: sourceLabel, value: sourceLabel },
    {
      key: "edit",
      header: t("iati.links.edit"),
      cell: (a) => (
        <Button
          size="compact-xs"
          variant="outline"
          aria-label={t("iati.links.editOf", { identifier: a.iati_identifier })}
          onClick={() =>
            setTarget({
              identifier: a.iati_identifier,
              initiativeCode: a.initiative?.code ?? null,
              mapped: a.link_source === "mapping",
            })
          }
        >
          {t("iati.links.edit")}
        </Button>
      ),
      value: () => null,
    },
  ];
  const mappingColumns: Column<ActivityLink>[] = [
    textColumn("identifier", t("iati.links.identifier"), (l) => l.iati_identifier),
    {
      key: "initiative",
      header: t("iati.links.initiative"),
      cell: (l) => initiativeLink({ id: l.initiative_id, code: l.initiative_code }),
      value: (l) => l.initiative_code,
    },
    {
      key: "by",
      header: t("iati.links.mappedBy"),
      cell: (l) => `${l.created_by} · ${fmt.dateTime(l.created_at)}`,
      value: (l) => l.created_by,
    },
    {
      key: "edit",
      header: t("iati.links.edit"),
      cell: (l) => (
        <Button
          size="compact-xs"
          variant="outline"
          aria-label={t("iati.links.editOf", { identifier: l.iati_identifier })}
          onClick={() =>
            setTarget({
              identifier: l.iati_identifier,
              initiativeCode: l.initiative_code,
              mapped: true,
            })
          }
        >
          {t("iati.links.edit")}
        </Button>
      ),
      value: () => null,
    },
  ];
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("iati.links.pageTitle")}
        description={t("iati.links.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          {!staff ? (
            <Alert color="red" title={t("workspace.forbiddenTitle")}>
              {t("iati.links.staffOnly")}
            </Alert>
          ) : (
            <>
              {saved ? (
                <Alert
                  color="green"
                  title={t("iati.links.savedTitle", { identifier: saved.identifier })}
                  withCloseButton
                  closeButtonLabel={t("iati.links.dismiss")}
                  onClose={() => setSaved(null)}
                  data-testid="link-saved"
                >
                  {t("iati.links.savedBody", {
                    relinked: fmt.number(saved.result.relinked),
                    recorded: fmt.number(saved.result.recorded),
                    reversed: fmt.number(saved.result.reversed),
                  })}
                </Alert>
              ) : null}
              <Section title={t("iati.links.activitiesTitle")} id="iati-activities">
                <Stack gap="sm">
                  <form onSubmit={submit}>
                    <Group align="flex-end" gap="sm">
                      <TextInput
                        label={t("iati.links.search")}
                        value={search}
                        onChange={(e) => setSearch(e.currentTarget.value)}
                        w={{ base: "100%", sm: 320 }}
                      />
                      <Button type="submit" variant="default">
                        {t("iati.links.searchButton")}
                      </Button>
                      <SegmentedControl
                        aria-label={t("iati.links.filter")}
                        value={query.linked ?? "all"}
                        onChange={(value) =>
                          setQuery({
                            ...query,
                            linked: value === "all" ? undefined : (value as "true" | "false"),
                            offset: 0,
                          })
                        }
                        data={[
                          { value: "all" satisfies LinkedFilter, label: t("iati.links.all") },
                          {
                            value: "false" satisfies LinkedFilter,
                            label: t("iati.links.unlinked"),
                          },
                          { value: "true" satisfies LinkedFilter, label: t("iati.links.linked") },
                        ]}
                      />
                    </Group>
                  </form>
                  <QueryState query={activities}>
                    {(list) => {
                      const { total } = list.page;
                      const last = Math.min(query.offset + list.data.length, total);
                      return (
                        <>
                          <DataTable
                            caption={t("iati.links.activitiesTitle")}
                            fileName="esca-iati-activities"
                            rows={list.data}
                            rowKey={(a) => `${a.publisher_ref}:${a.iati_identifier}`}
                            columns={columns}
                            summary={
                              total > 0
                                ? t("iati.page", {
                                    from: fmt.number(query.offset + 1),
                                    to: fmt.number(last),
                                    total: fmt.number(total),
                                  })
                                : undefined
                            }
                          />
                          {total > ACTIVITY_PAGE ? (
                            <Group justify="flex-end" gap="xs">
                              <Button
                                size="compact-sm"
                                variant="default"
                                disabled={query.offset === 0}
                                onClick={() =>
                                  setQuery({
                                    ...query,
                                    offset: Math.max(0, query.offset - ACTIVITY_PAGE),
                                  })
                                }
                              >
                                {t("iati.previous")}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant="default"
                                disabled={last >= total}
                                onClick={() =>
                                  setQuery({ ...query, offset: query.offset + ACTIVITY_PAGE })
                                }
                              >
                                {t("iati.next")}
                              </Button>
                            </Group>
                          ) : null}
                        </>
                      );
                    }}
                  </QueryState>
                </Stack>
              </Section>
              <Section
                title={t("iati.links.mappingsTitle")}
                description={t("iati.links.mappingsHelp")}
                id="iati-mappings"
                actions={
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() =>
                      setTarget({ identifier: "", initiativeCode: null, mapped: false })
                    }
                  >
                    {t("iati.links.mapAnother")}
                  </Button>
                }
              >
                <QueryState query={links}>
                  {(list) => (
                    <DataTable
                      caption={t("iati.links.mappingsTitle")}
                      fileName="esca-iati-mappings"
                      rows={list.data}
                      rowKey={(l) => l.iati_identifier}
                      columns={mappingColumns}
                    />
                  )}
                </QueryState>
              </Section>
            </>
          )}
        </Stack>
      </Container>
      <LinkDialog
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(identifier, result) => setSaved({ identifier, result })}
      />
    </>
  );
}
