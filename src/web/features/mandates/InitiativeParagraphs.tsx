import { Anchor, Group, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { useParagraphsOfInitiative } from "./mandates-api.ts";

/** On an initiative's page: the resolution's paragraphs it answers, each to its mandate. */
export function InitiativeParagraphs({ initiativeId }: { initiativeId: string }) {
  const { t } = useI18n();
  const paragraphs = useParagraphsOfInitiative(initiativeId);
  const items = paragraphs.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Group gap="xs" data-testid="initiative-paragraphs">
      <Text size="sm" fw={600}>
        {t("mandates.answers")}
      </Text>
      {items.map((item) => (
        <Anchor
          key={item.mandate_id}
          component={Link}
          to={`/mandates/${item.mandate_id}`}
          size="sm"
        >
          {t("mandates.paragraphOf", { number: item.paragraph, symbol: item.symbol })}
        </Anchor>
      ))}
    </Group>
  );
}
