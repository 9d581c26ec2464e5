import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { auditHistorySchema } from "../../../contracts/audit.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { AuditChanges } from "./AuditChanges.tsx";
import { actionLabel, fieldChanges, type Words, whoText } from "./audit-words.ts";

/**
 * A record's history from the hash-chained audit trail, in words: when, who (organization and
 * role; the person too when the reader is staff, as the API decides), what happened and each
 * field before → after.
 */
export function AuditHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const words: Words = { t, fmt, pick };
  const audit = useQuery({
    queryKey: ["audit", entityType, entityId],
    queryFn: () =>
      api.get(`/audit/${entityType}/${encodeURIComponent(entityId)}`, auditHistorySchema, {
        limit: 200,
      }),
  });
  return (
    <QueryState query={audit}>
      {(list) =>
        list.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("audit.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table fz="sm" striped verticalSpacing="xs" data-testid="audit-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("audit.when")}</Table.Th>
                  <Table.Th scope="col">{t("audit.who")}</Table.Th>
                  <Table.Th scope="col">{t("audit.action")}</Table.Th>
                  <Table.Th scope="col">{t("audit.changed")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td className="num">{fmt.dateTime(entry.at)}</Table.Td>
                    <Table.Td>{whoText(entry.who, words)}</Table.Td>
                    <Table.Td>{actionLabel(entry, t)}</Table.Td>
                    <Table.Td>
                      <AuditChanges changes={fieldChanges(entry, list.refs, words)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}
