import { Alert, Badge, Button, Container, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link, useOutletContext } from "react-router";
import type { OasBodyEntry } from "../../../contracts/oas-bodies.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { isStaff } from "../accounts/session.ts";
import type { WorkspaceContext } from "../workspace/workspace-context.ts";
import { BodyForm } from "./BodyForm.tsx";
import { useOasBodies } from "./directory-api.ts";

/** Workspace (secretariat): the directory's bodies, each to edit, and a new one to add. */
export function DirectoryWorkspacePage() {
  const { t } = useI18n();
  const { user } = useOutletContext<WorkspaceContext>();
  const bodies = useOasBodies();
  // null: no form open; "new": the form for a new body; otherwise the body being edited.
  const [editing, setEditing] = useState<OasBodyEntry | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!isStaff(user))
    return (
      <Container size="xl">
        <Text>{t("directory.form.staffOnly")}</Text>
      </Container>
    );
  return (
    <>
      <PageHeader title={t("directory.manage")} description={t("directory.manageLead")} />
      <Container size="xl">
        <Stack gap="lg">
          {editing ? (
            <Section
              title={
                editing === "new"
                  ? t("directory.form.newTitle")
                  : t("directory.form.editTitle", { code: editing.code })
              }
              id="body-form"
            >
              <BodyForm
                key={editing === "new" ? "new" : `${editing.code}-${editing.version}`}
                body={editing === "new" ? null : editing}
                onSaved={(code) => {
                  setEditing(null);
                  setSaved(code);
                }}
                onCancel={() => setEditing(null)}
              />
            </Section>
          ) : (
            <Group>
              <Button
                onClick={() => {
                  setSaved(null);
                  setEditing("new");
                }}
              >
                {t("directory.form.newTitle")}
              </Button>
            </Group>
          )}
          {saved && !editing ? (
            <Alert color="green" role="status">
              {t("directory.form.saved", { code: saved })}
            </Alert>
          ) : null}
          <QueryState query={bodies}>
            {(list) => (
              <Table fz="sm" striped data-testid="directory-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("directory.form.code")}</Table.Th>
                    <Table.Th scope="col">{t("directory.form.nameShort")}</Table.Th>
                    <Table.Th scope="col">{t("directory.kind")}</Table.Th>
                    <Table.Th scope="col">{t("directory.contact")}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t("directory.edit")}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((body) => (
                    <Table.Tr key={body.id}>
                      <Table.Td>
                        <Link to={`/partners/${body.code}`}>{body.code}</Link>
                      </Table.Td>
                      <Table.Td>
                        <BilingualText value={body.name} />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="gray">
                          {t(`directory.bodyKind.${body.body_kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <BilingualText value={body.contact_role} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={t("directory.editLabel", { code: body.code })}
                          onClick={() => {
                            setSaved(null);
                            setEditing(body);
                          }}
                        >
                          {t("directory.edit")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Stack>
      </Container>
    </>
  );
}
