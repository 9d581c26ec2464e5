import { Anchor, Container, Stack, Text, Title } from "@mantine/core";
import { Link, useRouteError } from "react-router";
import { useI18n } from "../i18n/i18n.tsx";
import { ErrorNotice } from "../ui/QueryState.tsx";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Container size="sm" py={64}>
      <Stack>
        <Title order={1}>{t("notFound.title")}</Title>
        <Text>{t("notFound.body")}</Text>
        <Anchor component={Link} to="/">
          {t("notFound.home")}
        </Anchor>
      </Stack>
    </Container>
  );
}

export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py={64}>
      <ErrorNotice error={error} onRetry={() => window.location.reload()} />
    </Container>
  );
}
