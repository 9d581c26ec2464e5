import { Anchor, Container, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { MandateStatusBadge } from "./MandateStatusBadge.tsx";
import { useMandates } from "./mandates-api.ts";

/** Every operative paragraph with its status in each reporting period, at a glance. */
export function MandatesPage() {
  const { t } = useI18n();
  const mandates = useMandates();
  return (
    <>
      <PageHeader
        kicker={t("nav.mandates")}
        title={t("mandates.title")}
        description={t("mandates.lead")}
      />
      <Container size="xl">
        <QueryState query={mandates}>
          {(list) => (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" fz="sm" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("mandates.paragraph")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.text")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.addressees")}</Table.Th>
                    <Table.Th scope="col">{t("mandates.statusPerPeriod")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((mandate) => (
                    <Table.Tr key={mandate.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/mandates/${mandate.id}`}>
                          {t("mandates.paragraphShort", { number: mandate.paragraph })}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {mandate.resolution.symbol}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={520}>
                        <Text size="sm" lineClamp={3}>
                          <BilingualText value={mandate.text} />
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {mandate.addressees.map((a) => t(`mandates.addressee.${a}`)).join(", ")}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {mandate.statuses.map((status) => (
                            <Group key={status.period} gap={6} wrap="nowrap">
                              <Text size="xs" c="dimmed" w={70}>
                                {status.period}
                              </Text>
                              <MandateStatusBadge status={status.status} />
                            </Group>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Container>
    </>
  );
}
