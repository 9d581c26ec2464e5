import { Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { ConferenceDetail, ConferenceSession } from "../../../contracts/conferences.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { SourceLine } from "../../ui/Provenance.tsx";

/** The sessions, day by day, with their chair; `actions` adds a cell per row (the editor's). */
export function Programme({
  conference,
  actions,
}: {
  conference: ConferenceDetail;
  actions?: (session: ConferenceSession) => ReactNode;
}) {
  const { t, fmt } = useI18n();
  if (conference.sessions.length === 0) return <Text c="dimmed">{t("conf.noSessions")}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" fz="sm" striped data-testid="programme">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("conf.when")}</Table.Th>
            <Table.Th scope="col">{t("conf.session")}</Table.Th>
            <Table.Th scope="col">{t("conf.chair")}</Table.Th>
            <Table.Th scope="col">{t("conf.source")}</Table.Th>
            {actions ? <Table.Th scope="col">{t("conf.actions")}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conference.sessions.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>
                {fmt.date(session.day)}
                <Text size="xs" c="dimmed">
                  {t("conf.timeRange", { start: session.starts_at, end: session.ends_at })}
                </Text>
              </Table.Td>
              <Table.Td>
                <BilingualText value={session.title} />
              </Table.Td>
              <Table.Td>
                {session.chair?.role ? <BilingualText value={session.chair.role} /> : null}
                {session.chair?.organization ? (
                  <Text size="xs" c="dimmed">
                    <BilingualText value={session.chair.organization.name} />
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <SourceLine source={session.source} illustrative={session.illustrative} />
              </Table.Td>
              {actions ? <Table.Td>{actions(session)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
