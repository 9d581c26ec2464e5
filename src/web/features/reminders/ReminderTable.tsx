import { Anchor, Badge, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReminderItem } from "../../../contracts/reminders.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";

/** What the item is about: its record, initiative, period or the records it blocks. */
function useDescribe() {
  const { t, fmt } = useI18n();
  return (item: ReminderItem) => {
    const parts = [item.record.label];
    if (item.initiative_code && item.initiative_code !== item.record.label)
      parts.push(item.initiative_code);
    if (item.period) parts.push(item.period);
    if (item.value) parts.push(fmt.money(item.value.amount, item.value.currency));
    if (item.records !== null)
      parts.push(t("reminders.blockedRecords", { count: fmt.number(item.records) }));
    return parts.join(" · ");
  };
}

/** Open items with their age and a link to fix each; `withOrganization` for the secretariat. */
export function ReminderTable({
  items,
  fileName,
  caption,
  withOrganization = false,
}: {
  items: ReminderItem[];
  fileName: string;
  caption: string;
  withOrganization?: boolean;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const describe = useDescribe();
  const organization = (item: ReminderItem) =>
    item.organization ? pick(item.organization.name) : t("reminders.secretariat");
  const columns: Column<ReminderItem>[] = [
    {
      key: "rule",
      header: t("reminders.column.rule"),
      cell: (item) => <Badge variant="light">{t(`reminders.rule.${item.rule}`)}</Badge>,
      value: (item) => t(`reminders.rule.${item.rule}`),
    },
    {
      key: "record",
      header: t("reminders.column.record"),
      cell: (item) => <Text size="sm">{describe(item)}</Text>,
      value: (item) => describe(item),
    },
    ...(withOrganization
      ? [
          {
            key: "organization",
            header: t("reminders.column.organization"),
            cell: organization,
            value: organization,
          },
        ]
      : []),
    {
      key: "since",
      header: t("reminders.column.since"),
      cell: (item) => fmt.date(item.since),
      value: (item) => item.since,
    },
    {
      key: "age",
      header: t("reminders.column.age"),
      kind: "number",
      cell: (item) => t("reminders.days", { count: fmt.number(item.age_days) }),
      value: (item) => item.age_days,
    },
    {
      key: "fix",
      header: t("reminders.column.fix"),
      cell: (item) => (
        <Anchor component={Link} to={item.fix_path} size="sm">
          {t("reminders.fix")}
        </Anchor>
      ),
      value: (item) => item.fix_path,
    },
  ];
  return (
    <DataTable
      caption={caption}
      fileName={fileName}
      rows={items}
      rowKey={(item) => item.key}
      columns={columns}
    />
  );
}
