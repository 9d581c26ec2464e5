import {
  Anchor,
  Badge,
  Card,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { Practice } from "../../../contracts/practices.ts";
import { useComponents } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { usePractices } from "./practices-api.ts";

/** The public library of good practices (AG/RES. 2626 ¶6), filtered by component, country, language. */
export function PracticesPage() {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const filters = {
    component: params.get("component") ?? undefined,
    country: params.get("country") ?? undefined,
    language: params.get("language") ?? undefined,
  };
  const practices = usePractices(filters);
  const components = useComponents();
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  return (
    <>
      <PageHeader
        kicker={t("nav.practices")}
        title={t("practices.title")}
        description={t("practices.lead")}
      />
      <Container size="xl">
        <Stack gap="md">
          <Group gap="sm" align="flex-end">
            <Select
              label={t("search.component")}
              clearable
              value={filters.component ?? null}
              onChange={(value) => set("component", value)}
              data={(components.data?.data ?? []).map((c) => ({
                value: c.code,
                label: `${c.code} · ${pick(c.name)}`,
              }))}
              w={260}
            />
            <Select
              label={t("search.country")}
              clearable
              value={filters.country ?? null}
              onChange={(value) => set("country", value)}
              data={memberStates.map((code) => ({ value: code, label: fmt.country(code) }))}
              w={200}
            />
            <Select
              label={t("practices.language")}
              clearable
              value={filters.language ?? null}
              onChange={(value) => set("language", value)}
              data={[
                { value: "es", label: t("lang.es") },
                { value: "en", label: t("lang.en") },
              ]}
              w={160}
            />
          </Group>
          <QueryState query={practices}>
            {(list) =>
              list.data.length === 0 ? (
                <Text c="dimmed">{t("practices.none")}</Text>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  {list.data.map((practice) => (
                    <PracticeCard key={practice.id} practice={practice} />
                  ))}
                </SimpleGrid>
              )
            }
          </QueryState>
        </Stack>
      </Container>
    </>
  );
}

export function PracticeCard({ practice }: { practice: Practice }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" data-testid="practice-card">
      <Stack gap={6}>
        <Group gap={6}>
          <Badge size="sm" variant="outline" color="gray">
            {t(`lang.${practice.language}`)}
          </Badge>
          {practice.components.map((code) => (
            <Badge key={code} size="sm" variant="light">
              {code}
            </Badge>
          ))}
          {practice.status === "draft" ? (
            <Badge size="sm" color="orange">
              {t("practices.status.draft")}
            </Badge>
          ) : null}
          {practice.illustrative ? <IllustrativeBadge /> : null}
        </Group>
        <Anchor
          component={Link}
          to={`/practices/${practice.slug}`}
          fw={600}
          lang={practice.language}
        >
          {practice.title}
        </Anchor>
        <Text size="sm" lang={practice.language}>
          {practice.summary}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`practices.sourceKind.${practice.source.kind}`)}: {practice.source.name}
        </Text>
      </Stack>
    </Card>
  );
}
