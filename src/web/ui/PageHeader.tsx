import { Anchor, Breadcrumbs, Container, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

export function PageHeader({
  title,
  kicker,
  description,
  crumbs = [],
  aside,
  badges,
}: {
  title: ReactNode;
  kicker?: ReactNode;
  description?: ReactNode;
  crumbs?: { to: string; label: string }[];
  aside?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <div className="page-header">
      <Container size="xl">
        {crumbs.length > 0 ? (
          <Breadcrumbs mb="xs" separatorMargin={6} fz="sm">
            {crumbs.map((crumb) => (
              <Anchor component={Link} to={crumb.to} key={crumb.to} size="sm">
                {crumb.label}
              </Anchor>
            ))}
          </Breadcrumbs>
        ) : null}
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={6} maw={900}>
            {kicker ? (
              <Text size="sm" fw={700} c="esca.7" tt="uppercase">
                {kicker}
              </Text>
            ) : null}
            <Title order={1} fz={{ base: 24, sm: 30 }}>
              {title}
            </Title>
            {badges ? <Group gap={6}>{badges}</Group> : null}
            {description ? <Text c="dimmed">{description}</Text> : null}
          </Stack>
          {aside}
        </Group>
      </Container>
    </div>
  );
}

export function Section({
  title,
  description,
  children,
  id,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  id?: string;
  actions?: ReactNode;
}) {
  const headingId = `${id ?? title.replace(/\W+/g, "-").toLowerCase()}-title`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Stack gap={2}>
          <Title order={2} fz={20} id={headingId}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </section>
  );
}
