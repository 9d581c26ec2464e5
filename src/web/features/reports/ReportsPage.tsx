import { Anchor, Code, Container, Stack, Table, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { ReportHash } from "./ReportHash.tsx";
import { useReports } from "./reports-api.ts";

/**
 * Public: the reports of the Permanent Council to the General Assembly (AG/RES. 2626 ¶9) that
 * were issued, each with its data-as-of time and the SHA-256 of its file.
 */
export function ReportsPage() {
  const { t, fmt } = useI18n();
  const reports = useReports();
  return (
    <>
      <PageHeader
        kicker={t("nav.reports")}
        title={t("reports.title")}
        description={t("reports.lead")}
      />
      <Container size="xl">
        <Stack gap="md">
          <Text size="sm">
            {t("reports.checkHash")} <Code>{t("reports.checkCommand")}</Code>
          </Text>
          <QueryState query={reports}>
            {(list) =>
              list.data.length === 0 ? (
                <Text c="dimmed">{t("reports.none")}</Text>
              ) : (
                <Table.ScrollContainer minWidth={820}>
                  <Table verticalSpacing="sm" fz="sm" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("reports.symbol")}</Table.Th>
                        <Table.Th scope="col">{t("reports.asOf")}</Table.Th>
                        <Table.Th scope="col">{t("reports.language")}</Table.Th>
                        <Table.Th scope="col">{t("reports.format")}</Table.Th>
                        <Table.Th scope="col">{t("reports.sha256")}</Table.Th>
                        <Table.Th scope="col">{t("reports.file")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.data.map((report) => (
                        <Table.Tr key={report.id}>
                          <Table.Td>
                            {report.symbol}
                            <Text size="xs" c="dimmed">
                              {t("reports.original", {
                                language: t(`reports.lang.${report.original_language}`),
                              })}
                            </Text>
                          </Table.Td>
                          <Table.Td>{fmt.dateTime(report.as_of)}</Table.Td>
                          <Table.Td>{t(`reports.lang.${report.language}`)}</Table.Td>
                          <Table.Td>{report.format.toUpperCase()}</Table.Td>
                          <Table.Td maw={300}>
                            <ReportHash sha256={report.sha256} />
                          </Table.Td>
                          <Table.Td>
                            <Anchor href={report.download_url} download>
                              {t("reports.download")}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {t("reports.size", {
                                kb: fmt.number(Math.ceil(report.size_bytes / 1024)),
                              })}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Stack>
      </Container>
    </>
  );
}
