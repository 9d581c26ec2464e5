import {
  Alert,
  Button,
  Code,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useOutletContext } from "react-router";
import {
  createdUserSchema,
  passwordResetSchema,
  type User,
  userListSchema,
  userSchema,
} from "../../../contracts/accounts.ts";
import { roles } from "../../../contracts/enum-values.ts";
import { api } from "../../api/client.ts";
import { useOrganizations } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";

function CreateUser() {
  const { t } = useI18n();
  const pick = usePick();
  const client = useQueryClient();
  const organizations = useOrganizations();
  const [form, setForm] = useState({ email: "", name: "", organization: "", role: "focal_point" });
  const create = useMutation({
    mutationFn: () => api.post("/users", createdUserSchema, form),
    onSuccess: () => {
      setForm({ email: "", name: "", organization: "", role: "focal_point" });
      void client.invalidateQueries({ queryKey: ["users"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t("login.email")}
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={fieldError(create.error, "email")}
          />
          <TextInput
            label={t("users.name")}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fieldError(create.error, "name")}
          />
          <Select
            label={t("users.organization")}
            required
            searchable
            value={form.organization || null}
            onChange={(v) => setForm({ ...form, organization: v ?? "" })}
            data={(organizations.data?.data ?? []).map((o) => ({
              value: o.code,
              label: pick(o.name),
            }))}
            error={fieldError(create.error, "organization")}
          />
          <Select
            label={t("users.role")}
            required
            allowDeselect={false}
            value={form.role}
            onChange={(v) => setForm({ ...form, role: v ?? "focal_point" })}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={fieldError(create.error, "role")}
          />
        </SimpleGrid>
        <ApiErrorAlert
          error={create.error}
          shownPaths={["email", "name", "organization", "role"]}
        />
        {create.data?.generated_password ? (
          <Alert color="green" title={t("users.created")}>
            {t("users.passwordOnce")} <Code>{create.data.generated_password}</Code>
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t("users.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const pick = usePick();
  const { staff } = useOutletContext<WorkspaceContext>();
  const client = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: () => api.get("/users", userListSchema, { limit: 500 }),
    enabled: staff,
  });
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);
  const update = useMutation({
    mutationFn: ({ user, patch }: { user: User; patch: Record<string, unknown> }) =>
      api.patch(`/users/${user.id}`, userSchema, { ...patch, version: user.version }),
    onSettled: () => void client.invalidateQueries({ queryKey: ["users"] }),
  });
  const resetPassword = useMutation({
    mutationFn: (user: User) =>
      api.post(`/users/${user.id}/reset-password`, passwordResetSchema, {}),
    onSuccess: setReset,
  });
  const columns: Column<User>[] = [
    { key: "name", header: t("users.name"), cell: (u) => u.name, value: (u) => u.name },
    { key: "email", header: t("login.email"), cell: (u) => u.email, value: (u) => u.email },
    {
      key: "org",
      header: t("users.organization"),
      cell: (u) => pick(u.organization.name),
      value: (u) => pick(u.organization.name),
    },
    {
      key: "role",
      header: t("users.role"),
      cell: (u) => (
        <Select
          size="xs"
          aria-label={t("users.roleOf", { name: u.name })}
          allowDeselect={false}
          value={u.role}
          onChange={(role) =>
            role && role !== u.role && update.mutate({ user: u, patch: { role } })
          }
          data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          w={170}
        />
      ),
      value: (u) => t(`role.${u.role}`),
    },
    {
      key: "totp",
      header: t("users.totp"),
      cell: (u) => t(u.totp_enabled ? "common.yes" : "common.no"),
      value: (u) => t(u.totp_enabled ? "common.yes" : "common.no"),
    },
    {
      key: "active",
      header: t("users.active"),
      cell: (u) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="outline"
            color={u.active === false ? "green" : "red"}
            onClick={() => update.mutate({ user: u, patch: { active: u.active === false } })}
          >
            {t(u.active === false ? "users.activate" : "users.deactivate")}
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => resetPassword.mutate(u)}>
            {t("users.resetPassword")}
          </Button>
        </Group>
      ),
      value: (u) => t(u.active === false ? "common.no" : "common.yes"),
    },
  ];
  return (
    <>
      <PageHeader
        kicker={t("nav.workspace")}
        title={t("workspace.users")}
        description={t("users.lead")}
      />
      <Container size="xl">
        <Stack gap="lg">
          {!staff ? (
            <Alert color="red" title={t("workspace.forbiddenTitle")}>
              {t("users.staffOnly")}
            </Alert>
          ) : (
            <>
              <Section title={t("users.create")} id="create-user">
                <CreateUser />
              </Section>
              <Section title={t("users.list")} id="users">
                <ApiErrorAlert
                  error={update.error ?? resetPassword.error}
                  onReload={() => void users.refetch()}
                />
                {reset ? (
                  <Alert
                    color="green"
                    title={t("users.passwordReset", { email: reset.email })}
                    mb="sm"
                    withCloseButton
                    onClose={() => setReset(null)}
                  >
                    {t("users.passwordOnce")} <Code>{reset.password}</Code>
                  </Alert>
                ) : null}
                <QueryState query={users}>
                  {(list) => (
                    <DataTable
                      caption={t("users.list")}
                      fileName="esca-users"
                      rows={list.data}
                      rowKey={(u) => u.id}
                      columns={columns}
                    />
                  )}
                </QueryState>
              </Section>
            </>
          )}
        </Stack>
      </Container>
    </>
  );
}
