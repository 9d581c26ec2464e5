import { Anchor, Badge, Button, Container, Group, Stack, Table, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import type { ConferenceDetail } from "../../../contracts/conferences.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { ConferenceForm } from "./ConferenceForm.tsx";
import {
  type PartKind,
  useConference,
  useRemovePart,
  useUpdateConference,
} from "./conferences-api.ts";
import { PartForm } from "./PartForm.tsx";
import { Programme } from "./Programme.tsx";
import { type FormValues, fromPart } from "./part-fields.ts";

/** Workspace (secretariat): one conference's record, its parts, and its publication. */
export function ConferenceEditorPage() {
  const { id = "" } = useParams();
  const conference = useConference(id);
  return <QueryState query={conference}>{(data) => <Editor conference={data} />}</QueryState>;
}

type Editing = { kind: PartKind; id: string; version: number; values: FormValues } | null;

function Editor({ conference }: { conference: ConferenceDetail }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Editing>(null);
  const publish = useUpdateConference(conference.id);
  const published = conference.status === "published";
  const edit = (kind: PartKind, part: { id: string; version: number }) =>
    setEditing({ kind, id: part.id, version: part.version, values: fromPart(kind, part as never) });
  const section = (kind: PartKind, title: string, list: ReactNode) => (
    <Section title={title} id={`edit-${kind}`}>
      <Stack gap="sm">
        {list}
        <PartForm
          key={editing?.kind === kind ? editing.id : "new"}
          conferenceId={conference.id}
          kind={kind}
          editing={editing?.kind === kind ? editing : null}
          onDone={() => setEditing(null)}
        />
      </Stack>
    </Section>
  );
  return (
    <>
      <PageHeader
        crumbs={[{ to: "/workspace/conferences", label: t("conf.workspaceTitle") }]}
        kicker={conference.code}
        title={<BilingualText value={conference.name} />}
        badges={
          <Badge variant="light" color={published ? "green" : "gray"}>
            {t(`conf.status.${conference.status}`)}
          </Badge>
        }
        aside={
          <Stack gap={4} align="flex-end">
            <Button
              variant={published ? "default" : "filled"}
              loading={publish.isPending}
              onClick={() =>
                publish.mutate({
                  status: published ? "draft" : "published",
                  version: conference.version,
                })
              }
            >
              {published ? t("conf.unpublish") : t("conf.publish")}
            </Button>
            <Anchor component={Link} to={`/conferences/${conference.code}`} size="sm">
              {t("conf.openPublicPage")}
            </Anchor>
          </Stack>
        }
      />
      <Container size="xl">
        <Stack gap="lg">
          <ApiErrorAlert error={publish.error} />
          <Section title={t("conf.basics")} id="edit-basics">
            <ConferenceForm key={conference.version} conference={conference} onSaved={() => {}} />
          </Section>
          {section(
            "sessions",
            t("conf.programme"),
            <Programme
              conference={conference}
              actions={(s) => (
                <PartActions conference={conference} kind="sessions" part={s} onEdit={edit} />
              )}
            />,
          )}
          {section(
            "delegations",
            t("conf.delegations"),
            <PartList
              rows={conference.delegations.map((d) => ({
                part: d,
                label: (
                  <>
                    <BilingualText value={d.organization.name} /> · {t(`conf.level.${d.level}`)}
                  </>
                ),
              }))}
              conference={conference}
              kind="delegations"
              onEdit={edit}
            />,
          )}
          {section(
            "documents",
            t("conf.documents"),
            <PartList
              rows={conference.documents.map((d) => ({
                part: d,
                label: <BilingualText value={d.title} />,
              }))}
              conference={conference}
              kind="documents"
              onEdit={edit}
            />,
          )}
          {section(
            "contributions",
            t("conf.contributions"),
            <PartList
              rows={conference.contributions.map((c) => ({
                part: c,
                label: (
                  <>
                    <BilingualText value={c.organization.name} /> ·{" "}
                    <BilingualText value={c.description} />
                  </>
                ),
              }))}
              conference={conference}
              kind="contributions"
              onEdit={edit}
            />,
          )}
        </Stack>
      </Container>
    </>
  );
}

type Part = { id: string; version: number };

function PartList({
  rows,
  conference,
  kind,
  onEdit,
}: {
  rows: { part: Part; label: ReactNode }[];
  conference: ConferenceDetail;
  kind: PartKind;
  onEdit: (kind: PartKind, part: Part) => void;
}) {
  const { t } = useI18n();
  if (rows.length === 0) return <Text c="dimmed">{t("conf.nothingYet")}</Text>;
  return (
    <Table verticalSpacing="xs" fz="sm" striped>
      <Table.Tbody>
        {rows.map(({ part, label }) => (
          <Table.Tr key={part.id}>
            <Table.Td>{label}</Table.Td>
            <Table.Td w={220}>
              <PartActions conference={conference} kind={kind} part={part} onEdit={onEdit} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PartActions({
  conference,
  kind,
  part,
  onEdit,
}: {
  conference: ConferenceDetail;
  kind: PartKind;
  part: Part;
  onEdit: (kind: PartKind, part: Part) => void;
}) {
  const { t } = useI18n();
  const remove = useRemovePart(conference.id, kind);
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Button size="compact-sm" variant="light" onClick={() => onEdit(kind, part)}>
          {t("conf.edit")}
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          loading={remove.isPending}
          onClick={() => remove.mutate(part.id)}
        >
          {t("conf.remove")}
        </Button>
      </Group>
      <ApiErrorAlert error={remove.error} />
    </Stack>
  );
}
