import { Badge, Group, Stack, Text } from "@mantine/core";
import type { OasBodyEntry } from "../../../contracts/oas-bodies.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";

const given = (amount: string) => amount !== "0.00" && amount !== "0";

/**
 * What a body gave, said in words: only the measures it has, so a body that gave technical
 * support or answered requests but no money reads as such, not as a row of zeros.
 */
export function BodySupportSummary({ body }: { body: OasBodyEntry }) {
  const { t, fmt } = useI18n();
  const { support } = body;
  const lines = [
    given(support.committed.amount) &&
      t("directory.given.committed", { amount: fmt.money(support.committed.amount, "USD") }),
    given(support.disbursed.amount) &&
      t("directory.given.disbursed", { amount: fmt.money(support.disbursed.amount, "USD") }),
    given(support.announced.amount) &&
      t("directory.given.announced", { amount: fmt.money(support.announced.amount, "USD") }),
    support.technical_flows > 0 &&
      t("directory.given.technical", { count: String(support.technical_flows) }),
    support.requests_completed > 0 &&
      t("directory.given.requestsCompleted", { count: String(support.requests_completed) }),
    support.requests_open > 0 &&
      t("directory.given.requestsOpen", { count: String(support.requests_open) }),
  ].filter((line): line is string => typeof line === "string");
  return (
    <Stack gap={2} data-testid={`body-support-${body.code}`}>
      {lines.length ? (
        lines.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))
      ) : (
        <Text size="sm" c="dimmed">
          {t("directory.given.none")}
        </Text>
      )}
    </Stack>
  );
}

export function BodyAreas({ body }: { body: OasBodyEntry }) {
  const { t } = useI18n();
  if (!body.components.length && !body.lines_of_action.length) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t("directory.canSupport")}
      </Text>
      <Group gap={6}>
        {body.components.map((c) => (
          <Badge key={c.id} variant="light" color="blue">
            {c.code} · <BilingualText value={c.name} />
          </Badge>
        ))}
        {body.lines_of_action.map((l) => (
          <Badge key={l.id} variant="outline" color="gray.7">
            {l.code} · <BilingualText value={l.name} />
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
