import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { type InitiativeQuery, useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/DataTable.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { initiativeColumns } from "./initiative-columns.tsx";

/** The initiatives of one country, partner or component, with a link to the full list. */
export function InitiativeList({
  query,
  listLink,
  caption,
  fileName,
}: {
  query: InitiativeQuery;
  listLink: string;
  caption: string;
  fileName: string;
}) {
  const i18n = useI18n();
  const initiatives = useInitiatives({ ...query, limit: 100 });
  return (
    <QueryState query={initiatives}>
      {(list) => (
        <Stack gap="xs">
          <DataTable
            caption={caption}
            fileName={fileName}
            rows={list.data}
            rowKey={(i) => i.id}
            columns={initiativeColumns(i18n)}
          />
          {list.page.total > list.data.length ? (
            <Text size="sm">
              <Anchor component={Link} to={listLink}>
                {i18n.t("initiatives.seeAll", { count: list.page.total })}
              </Anchor>
            </Text>
          ) : null}
        </Stack>
      )}
    </QueryState>
  );
}
