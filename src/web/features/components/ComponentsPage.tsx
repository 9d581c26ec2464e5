import { Anchor, Card, Container, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useComponents } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { FundingByComponent } from "../funding/FundingByComponent.tsx";

export function ComponentsPage() {
  const { t } = useI18n();
  const components = useComponents();
  return (
    <>
      <PageHeader
        kicker={t("nav.components")}
        title={t("components.title")}
        description={t("components.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          <QueryState query={components}>
            {(list) => (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
                {list.data.map((component) => (
                  <Card key={component.id} withBorder radius="md" padding="lg">
                    <Text size="xs" fw={700} c="esca.7" tt="uppercase">
                      {t("components.component", { code: component.code })}
                    </Text>
                    <Title order={2} fz={18} mt={4}>
                      <Anchor component={Link} to={`/components/${component.code}`} inherit>
                        <BilingualText value={component.name} />
                      </Anchor>
                    </Title>
                    <Text size="sm" c="dimmed" mt="xs">
                      <BilingualText value={component.description} />
                    </Text>
                    <Text size="sm" fw={600} mt="sm">
                      {t("components.linesOfAction", { count: component.lines_of_action.length })}
                    </Text>
                    <List size="sm" spacing={2} mt={4}>
                      {component.lines_of_action.map((line) => (
                        <List.Item key={line.id}>
                          <BilingualText value={line.name} />
                        </List.Item>
                      ))}
                    </List>
                  </Card>
                ))}
              </SimpleGrid>
            )}
          </QueryState>
          <FundingByComponent id="components-funding" />
        </Stack>
      </Container>
    </>
  );
}
