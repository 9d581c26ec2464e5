import { List, Text } from "@mantine/core";
import { useI18n } from "../../i18n/i18n.tsx";
import type { FieldChange } from "./audit-words.ts";

/** An entry's fields in words: "Budget: US$1,000 → US$1,500"; a creation lists what it set. */
export function AuditChanges({ changes }: { changes: FieldChange[] }) {
  const { t } = useI18n();
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("audit.noFields")}
      </Text>
    );
  const empty = t("audit.empty_value");
  return (
    <List size="sm" spacing={2} listStyleType="none" className="audit-changes">
      {changes.map((change) => (
        <List.Item key={change.column} data-field={change.column}>
          <Text span size="sm" fw={600}>
            {change.label}
          </Text>
          {": "}
          {change.before !== null && change.after !== null ? (
            <>
              <del>{change.before}</del> → <ins>{change.after}</ins>
            </>
          ) : change.after !== null ? (
            change.after
          ) : (
            <>
              <del>{change.before ?? empty}</del> → {empty}
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}
