import { Group, Pagination } from "@mantine/core";
import { useI18n } from "../i18n/i18n.tsx";

const controlLabels = {
  next: "pagination.next",
  previous: "pagination.previous",
  first: "pagination.first",
  last: "pagination.last",
} as const;

/** A list's pages, each control named for screen readers; nothing when one page holds all. */
export function ListPagination({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useI18n();
  if (total <= pageSize) return null;
  return (
    <Group justify="center">
      <Pagination
        total={Math.ceil(total / pageSize)}
        value={page}
        onChange={onChange}
        getControlProps={(control) => ({ "aria-label": t(controlLabels[control]) })}
        getItemProps={(item) => ({ "aria-label": t("pagination.page", { page: item }) })}
      />
    </Group>
  );
}
