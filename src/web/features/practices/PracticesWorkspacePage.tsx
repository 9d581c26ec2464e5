import { Anchor, Button, Container, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { PracticeStatus } from "../../../contracts/practices.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { usePractices } from "./practices-api.ts";

/** The secretariat's list of practices, drafts and published, with the way to write one. */
export function PracticesWorkspacePage() {
  const { t, fmt } = useI18n();
  const [status, setStatus] = useState<string>("all");
  const practices = usePractices(status === "all" ? {} : { status: status as PracticeStatus });
  return (
    <>
      <PageHeader
        title={t("practices.workspace.title")}
        description={t("practices.workspace.lead")}
        aside={
          <Button component={Link} to="/workspace/practices/new">
            {t("practices.workspace.new")}
          </Button>
        }
      />
      <Container size="xl">
        <Stack gap="md">
          <SegmentedControl
            value={status}
            onChange={setStatus}
            aria-label={t("practices.status")}
            style={{ alignSelf: "flex-start" }}
            data={[
              { value: "all", label: t("search.kind.all") },
              { value: "draft", label: t("practices.status.draft") },
              { value: "published", label: t("practices.status.published") },
            ]}
          />
          <QueryState query={practices}>
            {(list) => (
              <Table striped fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("practices.field.title")}</Table.Th>
                    <Table.Th scope="col">{t("practices.status")}</Table.Th>
                    <Table.Th scope="col">{t("practices.updated")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/workspace/practices/${p.id}`}
                          lang={p.language}
                        >
                          {p.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`practices.status.${p.status}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{fmt.date(p.updated_at.slice(0, 10))}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Stack>
      </Container>
    </>
  );
}
