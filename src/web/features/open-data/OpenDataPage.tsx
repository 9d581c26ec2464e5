import { Anchor, Button, Container, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { openDataSchema } from "../../../contracts/open-data.ts";
import { api } from "../../api/client.ts";
import { fetchAllInitiatives } from "../../api/queries.ts";
import { type I18n, useI18n } from "../../i18n/i18n.tsx";
import { downloadCsv, downloadXlsx } from "../../ui/download.ts";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { initiativeColumns } from "../initiatives/initiative-columns.tsx";
import { type DictionaryEntry, type Download, downloads } from "./catalogue.ts";

/**
 * Every download in one place: what each holds, its data dictionary, the data's licence and
 * when the data last changed. The initiatives' CSV and XLSX are the initiatives page's own
 * downloads (the same columns), over the whole list.
 */
export function OpenDataPage() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const openData = useQuery({
    queryKey: ["open-data"],
    queryFn: () => api.get("/open-data", openDataSchema),
  });
  return (
    <>
      <PageHeader
        kicker={t("footer.openData")}
        title={t("openData.title")}
        description={t("openData.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <QueryState query={openData}>
            {(data) => (
              <>
                <Section title={t("openData.licenceTitle")} id="licence">
                  <Text data-testid="open-data-licence">
                    {t("openData.licenceText", { licence: data.licence.name })}{" "}
                    <Anchor href={data.licence.url} rel="license" underline="always">
                      {data.licence.id}
                    </Anchor>
                  </Text>
                </Section>
                <Section title={t("openData.updatedTitle")} id="updated">
                  <Text data-testid="open-data-updated">
                    {data.last_updated_at
                      ? t("openData.updatedText", { date: fmt.dateTime(data.last_updated_at) })
                      : t("openData.neverUpdated")}
                  </Text>
                </Section>
              </>
            )}
          </QueryState>
          <Section title={t("openData.downloadsTitle")} id="downloads">
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="xs" fz="sm" data-testid="open-data-downloads">
                <Table.Caption className="visually-hidden">
                  {t("openData.downloadsCaption")}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("openData.column.download")}</Table.Th>
                    <Table.Th scope="col">{t("openData.column.format")}</Table.Th>
                    <Table.Th scope="col">{t("openData.column.holds")}</Table.Th>
                    <Table.Th scope="col">{t("openData.column.get")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {downloads.map((download) => (
                    <Table.Tr key={download.id} data-download={download.id}>
                      <Table.Th scope="row">
                        <Anchor href={`#dictionary-${dictionaryId(download)}-title`}>
                          {t(download.name)}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{download.format}</Table.Td>
                      <Table.Td>{t(download.holds)}</Table.Td>
                      <Table.Td>
                        <GetDownload download={download} i18n={i18n} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Section>
          {uniqueDictionaries().map((download) => (
            <Section
              key={download.id}
              id={`dictionary-${dictionaryId(download)}`}
              title={t("openData.dictionaryTitle", {
                name: `${t(download.name)} (${formatsOf(download)})`,
              })}
            >
              <Dictionary download={download} i18n={i18n} />
            </Section>
          ))}
        </Stack>
      </Container>
    </>
  );
}

/** The CSV and the XLSX share one dictionary (the same columns). */
const dictionaryId = (download: Download) =>
  download.dictionary === "initiatives-table" ? "initiatives-table" : download.id;

function uniqueDictionaries() {
  const seen = new Set<string>();
  return downloads.filter((download) => {
    const id = dictionaryId(download);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const formatsOf = (download: Download) =>
  downloads
    .filter((other) => dictionaryId(other) === dictionaryId(download))
    .map((other) => other.format)
    .join(", ");

function GetDownload({ download, i18n }: { download: Download; i18n: I18n }) {
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const name = `${t(download.name)} (${download.format})`;
  if (download.href)
    return (
      <Anchor href={download.href} aria-label={t("openData.open", { name })}>
        {download.href.replace(/\?.*$/, "")}
      </Anchor>
    );
  const save = async () => {
    const columns = initiativeColumns(i18n);
    const rows = await fetchAllInitiatives({ sort: "code" });
    const table = {
      fileName: "esca-initiatives",
      sheetName: t("openData.initiatives.name"),
      headers: columns.map((c) => c.header),
      rows: rows.map((row) => columns.map((c) => c.value(row))),
      kinds: columns.map((c) => c.kind ?? "text"),
    };
    if (download.format === "CSV") downloadCsv(table);
    else await downloadXlsx(table);
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="compact-sm"
        variant="default"
        loading={busy}
        data-testid={`get-${download.id}`}
        aria-label={t("openData.get", { name })}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          save()
            .catch(() => setFailed(true))
            .finally(() => setBusy(false));
        }}
      >
        {download.format}
      </Button>
      {failed ? (
        <Text size="sm" c="red.8" role="alert">
          {t("table.downloadFailed")}
        </Text>
      ) : null}
    </Stack>
  );
}

function Dictionary({ download, i18n }: { download: Download; i18n: I18n }) {
  const { t } = i18n;
  if (typeof download.dictionary === "string" && download.dictionary !== "initiatives-table")
    return <Text size="sm">{t(download.dictionary)}</Text>;
  const entries: { field: string; meaning: string; unit: string }[] =
    download.dictionary === "initiatives-table"
      ? initiativeTableEntries(i18n)
      : (download.dictionary as DictionaryEntry[]).map((entry) => ({
          field: entry.field,
          meaning: t(entry.meaning),
          unit: t(entry.unit),
        }));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table
        striped
        verticalSpacing="xs"
        fz="sm"
        data-testid={`dictionary-${dictionaryId(download)}`}
      >
        <Table.Caption className="visually-hidden">
          {t("openData.dictionaryTitle", { name: t(download.name) })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("openData.column.field")}</Table.Th>
            <Table.Th scope="col">{t("openData.column.meaning")}</Table.Th>
            <Table.Th scope="col">{t("openData.column.unit")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.field}>
              <Table.Th scope="row">
                <code>{entry.field}</code>
              </Table.Th>
              <Table.Td>{entry.meaning}</Table.Td>
              <Table.Td>{entry.unit}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The CSV/XLSX columns, headed as in the file, each with its meaning and unit. */
function initiativeTableEntries(i18n: I18n) {
  const { t } = i18n;
  const meaning: Record<string, [string, string]> = {
    code: [t("openData.field.code"), t("openData.unit.code")],
    title: [t("openData.field.title"), t("openData.unit.text")],
    component: [t("openData.field.component"), t("openData.unit.code")],
    lead: [t("openData.field.lead"), t("openData.unit.country")],
    status: [t("openData.field.status"), t("openData.unit.text")],
    budget: [t("measureDefinition.budget"), t("openData.unit.usd")],
    committed: [t("measureDefinition.committed"), t("openData.unit.usd")],
    disbursed: [t("measureDefinition.disbursed"), t("openData.unit.usd")],
    gap: [t("measureDefinition.gap"), t("openData.unit.usd")],
    illustrative: [t("openData.field.illustrative"), t("openData.unit.yesNo")],
  };
  return initiativeColumns(i18n).map((column) => ({
    field: column.header,
    meaning: meaning[column.key]?.[0] ?? "",
    unit: meaning[column.key]?.[1] ?? "",
  }));
}
