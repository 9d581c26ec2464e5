import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type AuditEntry, auditListSchema } from "../../../contracts/audit.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { QueryState } from "../../ui/QueryState.tsx";

/** Which fields an audit entry changed: those whose before and after differ. */
export function changedFields(entry: AuditEntry): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !["updated_at", "version"].includes(key))
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .sort();
}

/** The record's history from the hash-chained audit trail (staff may read it). */
export function AuditHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t, fmt } = useI18n();
  const audit = useQuery({
    queryKey: ["audit", entityType, entityId],
    queryFn: () => api.get(`/audit/${entityType}/${entityId}`, auditListSchema, { limit: 200 }),
  });
  return (
    <QueryState query={audit}>
      {(list) =>
        list.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("audit.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table fz="sm" striped>
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
                    <Table.Td>{entry.actor}</Table.Td>
                    <Table.Td>{entry.action}</Table.Td>
                    <Table.Td>{changedFields(entry).join(", ") || "—"}</Table.Td>
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
