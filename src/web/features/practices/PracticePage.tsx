import { Anchor, Badge, Container, Group, List, Stack, Text, Typography } from "@mantine/core";
import { Link, useParams } from "react-router";
import type { PracticeDetail } from "../../../contracts/practices.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { usePractice } from "./practices-api.ts";

/** One good practice: its summary, its body, the source it summarizes and what it links to. */
export function PracticePage() {
  const { id = "" } = useParams();
  const practice = usePractice(id);
  return <QueryState query={practice}>{(detail) => <PracticeView practice={detail} />}</QueryState>;
}

function PracticeView({ practice }: { practice: PracticeDetail }) {
  const { t, fmt } = useI18n();
  return (
    <>
      <PageHeader
        kicker={t("nav.practices")}
        title={<span lang={practice.language}>{practice.title}</span>}
        crumbs={[{ to: "/practices", label: t("practices.title") }]}
        badges={
          <>
            <Badge variant="outline" color="gray">
              {t(`lang.${practice.language}`)}
            </Badge>
            {practice.status === "draft" ? (
              <Badge color="orange">{t("practices.status.draft")}</Badge>
            ) : null}
            {practice.illustrative ? <IllustrativeBadge /> : null}
          </>
        }
        description={<span lang={practice.language}>{practice.summary}</span>}
      />
      <Container size="xl">
        <Stack gap="lg">
          {practice.illustrative ? (
            <Text size="sm" c="dimmed">
              {t("practices.exampleNote")}
            </Text>
          ) : null}
          <Typography>
            {/* The API renders the Markdown without HTML and drops unsafe links
                (render-markdown.ts): this markup holds no script or event handler. */}
            <div
              className="practice-body"
              lang={practice.language}
              data-testid="practice-body"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by the server without raw HTML (markdown-it html:false, links validated)
              dangerouslySetInnerHTML={{ __html: practice.body_html }}
            />
          </Typography>
          <Section title={t("practices.source")}>
            <Stack gap={4} data-testid="practice-source">
              <Text size="sm">
                {t(`practices.sourceKind.${practice.source.kind}`)}: {practice.source.name}
              </Text>
              <Text size="sm">
                {practice.source.url ? (
                  <Anchor href={practice.source.url} rel="noopener noreferrer" target="_blank">
                    {practice.source.citation}
                  </Anchor>
                ) : (
                  practice.source.citation
                )}
              </Text>
            </Stack>
          </Section>
          <Section title={t("practices.appliesTo")}>
            <Stack gap={4}>
              <Text size="sm">
                {t("search.country")}:{" "}
                {practice.countries.length
                  ? practice.countries.map((c) => fmt.country(c)).join(", ")
                  : t("practices.regionWide")}
              </Text>
              <Group gap={6}>
                {practice.components.map((code) => (
                  <Anchor key={code} component={Link} to={`/components/${code}`} size="sm">
                    {t("search.component")} {code}
                  </Anchor>
                ))}
              </Group>
            </Stack>
          </Section>
          {practice.initiatives.length || practice.mandates.length || practice.documents.length ? (
            <Section title={t("practices.links")}>
              <List size="sm" spacing={4}>
                {practice.initiatives.map((i) => (
                  <List.Item key={i.id}>
                    <Anchor component={Link} to={`/initiatives/${i.code}`}>
                      {i.code} · <BilingualText value={i.title} />
                    </Anchor>
                  </List.Item>
                ))}
                {practice.mandates.map((m) => (
                  <List.Item key={m.id}>
                    <Anchor component={Link} to={`/mandates/${m.id}`}>
                      {m.symbol} · {t("mandates.paragraphShort", { number: m.paragraph })}
                    </Anchor>
                  </List.Item>
                ))}
                {practice.documents.map((d) => (
                  <List.Item key={d.url}>
                    <Anchor href={d.url} rel="noopener noreferrer" target="_blank">
                      {d.title}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Section>
          ) : null}
        </Stack>
      </Container>
    </>
  );
}
