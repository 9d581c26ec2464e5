import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { SupportRequestStatus } from "../../../contracts/enums.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { type RequestQuery, useSupportRequests } from "./requests-api.ts";

const statusColor: Record<SupportRequestStatus, string> = {
  submitted: "gray",
  acknowledged: "blue",
  accepted: "teal",
  declined: "red",
  completed: "green",
};

export function RequestStatusBadge({ status }: { status: SupportRequestStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={statusColor[status]} variant="light">
      {t(`requests.status.${status}`)}
    </Badge>
  );
}

/** Requests the reader may see, each linking to its page and timeline. */
export function RequestList({ query }: { query: RequestQuery }) {
  const { t, fmt } = useI18n();
  const requests = useSupportRequests(query);
  return (
    <QueryState query={requests}>
      {(list) =>
        list.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("requests.none")}
          </Text>
        ) : (
          <Table striped data-testid="request-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("requests.field.what")}</Table.Th>
                <Table.Th>{t("requests.field.initiative")}</Table.Th>
                <Table.Th>{t("requests.field.body")}</Table.Th>
                <Table.Th>{t("requests.field.paragraph")}</Table.Th>
                <Table.Th>{t("requests.field.status")}</Table.Th>
                <Table.Th>{t("requests.field.neededBy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${request.id}`}>
                      {request.what}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/initiatives/${request.initiative.code}`}>
                      {request.initiative.code}
                    </Anchor>{" "}
                    · {fmt.country(request.country)}
                  </Table.Td>
                  <Table.Td>
                    <BilingualText value={request.body.name} />
                  </Table.Td>
                  <Table.Td>
                    {t("requests.paragraphOf", {
                      paragraph: String(request.paragraph),
                      symbol: request.resolution_symbol,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <RequestStatusBadge status={request.status} />
                  </Table.Td>
                  <Table.Td>{request.needed_by ? fmt.date(request.needed_by) : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryState>
  );
}
