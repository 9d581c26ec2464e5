import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Container,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  apiTokenSchema,
  createdTokenSchema,
  tokenListSchema,
} from "../../../contracts/accounts.ts";
import { okSchema } from "../../../contracts/shapes.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { MailLanguageSection } from "../reminders/MailLanguageSection.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { isStaff, useSession } from "./session.ts";
import { TwoFactorSection } from "./TwoFactorSection.tsx";

/** What an API token may do; the API checks each route against them. */
const scopes = ["read", "flows:write", "iati:import"] as const;
const scopeLabel = {
  read: "account.scope.read",
  "flows:write": "account.scope.flowsWrite",
  "iati:import": "account.scope.iatiImport",
} as const;

function PasswordSection() {
  const { t } = useI18n();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const change = useMutation({
    mutationFn: () =>
      api.post("/auth/password", okSchema, { current_password: current, new_password: next }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
    },
  });
  const mismatch = repeat.length > 0 && repeat !== next;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mismatch) change.mutate();
  };
  return (
    <Section title={t("account.password")} description={t("account.passwordHelp")} id="password">
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack gap="sm" maw={420}>
          <PasswordField
            label={t("account.currentPassword")}
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
            refusal={change.error}
            field="current_password"
          />
          <PasswordField
            label={t("account.newPassword")}
            autoComplete="new-password"
            value={next}
            onChange={setNext}
            refusal={change.error}
            field="new_password"
          />
          <PasswordInput
            label={t("account.repeatPassword")}
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={mismatch ? t("account.passwordsDiffer") : undefined}
          />
          <ApiErrorAlert error={change.error} shownPaths={["current_password", "new_password"]} />
          {change.isSuccess ? (
            <Alert color="green" role="status" data-testid="password-changed">
              {t("account.passwordChanged")}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!repeat || mismatch}>
              {t("account.changePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function TokensSection() {
  const { t, fmt } = useI18n();
  const client = useQueryClient();
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: () => api.get("/tokens", tokenListSchema),
  });
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>(["read"]);
  const [days, setDays] = useState<number>(90);
  const create = useMutation({
    mutationFn: () =>
      api.post("/tokens", createdTokenSchema, {
        name: name.trim(),
        scopes: chosen,
        expires_in_days: days,
      }),
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/tokens/${id}`, apiTokenSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["tokens"] }),
  });
  const date = (iso: string | null) => (iso ? fmt.date(iso.slice(0, 10)) : "—");
  return (
    <Section title={t("account.tokens")} description={t("account.tokensHelp")} id="tokens">
      <Stack gap="sm">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
          noValidate
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t("account.tokenName")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(create.error, "name")}
              w={240}
            />
            <Checkbox.Group
              label={t("account.tokenScopes")}
              value={chosen}
              onChange={setChosen}
              error={fieldError(create.error, "scopes")}
            >
              <Group gap="sm" mt={6}>
                {scopes.map((scope) => (
                  <Checkbox key={scope} value={scope} label={t(scopeLabel[scope])} />
                ))}
              </Group>
            </Checkbox.Group>
            <NumberInput
              label={t("account.tokenDays")}
              min={1}
              max={365}
              value={days}
              onChange={(v) => setDays(typeof v === "number" ? v : Number(v) || 90)}
              error={fieldError(create.error, "expires_in_days")}
              w={140}
            />
            <Button type="submit" loading={create.isPending}>
              {t("account.tokenCreate")}
            </Button>
          </Group>
        </form>
        <ApiErrorAlert
          error={create.error ?? revoke.error}
          shownPaths={["name", "scopes", "expires_in_days"]}
        />
        {create.data ? (
          <Alert color="blue" title={t("account.tokenCreated")} data-testid="new-token">
            <Stack gap={6}>
              <Text size="sm">{t("account.tokenOnce")}</Text>
              <Code block>{create.data.token}</Code>
            </Stack>
          </Alert>
        ) : null}
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("account.tokenName")}</Table.Th>
                <Table.Th>{t("account.tokenScopes")}</Table.Th>
                <Table.Th>{t("account.tokenExpires")}</Table.Th>
                <Table.Th>{t("account.tokenLastUsed")}</Table.Th>
                <Table.Th>{t("account.tokenState")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tokens.data?.data ?? []).map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.name} <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{token.scopes.join(", ")}</Table.Td>
                  <Table.Td>{date(token.expires_at)}</Table.Td>
                  <Table.Td>{date(token.last_used_at)}</Table.Td>
                  <Table.Td>
                    {token.revoked_at ? (
                      <Badge color="gray">{t("account.tokenRevoked")}</Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === token.id}
                        onClick={() => revoke.mutate(token.id)}
                        aria-label={t("account.tokenRevokeNamed", { name: token.name })}
                      >
                        {t("account.tokenRevoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tokens.data && tokens.data.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("account.noTokens")}
          </Text>
        ) : null}
      </Stack>
    </Section>
  );
}

/** The signed-in person's own account: password, second factor, API tokens. */
export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("account.title")}
        description={t("account.lead", { email: user.email })}
      />
      <Container size="xl">
        <Stack gap="lg">
          <PasswordSection />
          <TwoFactorSection enabled={user.totp_enabled === true} mustKeep={isStaff(user)} />
          <TokensSection />
          <MailLanguageSection language={user.language} />
        </Stack>
      </Container>
    </>
  );
}
