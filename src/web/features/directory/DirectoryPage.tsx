import { Anchor, Badge, Card, Container, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { BodyAreas, BodySupportSummary } from "./BodySupport.tsx";
import { useOasBodies } from "./directory-api.ts";

/** The OAS organs, agencies and entities ¶8 asks member states to draw upon, and what each gave. */
export function DirectoryPage() {
  const { t } = useI18n();
  const bodies = useOasBodies();
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/partners", label: t("nav.partners") }]}
        title={t("directory.title")}
        description={t("directory.lead")}
      />
      <Container size="xl">
        <QueryState query={bodies}>
          {(list) => (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {list.data.map((body) => (
                <Card key={body.id} withBorder padding="md" data-testid={`body-${body.code}`}>
                  <Stack gap="xs">
                    <Title order={2} fz="lg">
                      <Anchor component={Link} to={`/partners/${body.code}`}>
                        <BilingualText value={body.name} />
                      </Anchor>
                    </Title>
                    <Badge variant="light" color="gray" w="fit-content">
                      {t(`directory.bodyKind.${body.body_kind}`)}
                    </Badge>
                    <Text size="sm">
                      <BilingualText value={body.mandate} />
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t("directory.contact")}: <BilingualText value={body.contact_role} />
                    </Text>
                    <BodyAreas body={body} />
                    <BodySupportSummary body={body} />
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          )}
        </QueryState>
      </Container>
    </>
  );
}
