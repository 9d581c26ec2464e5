import {
  ActionIcon,
  Alert,
  Button,
  Container,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { memberStates } from "../../../contracts/enum-values.ts";
import type { PracticeDetail } from "../../../contracts/practices.ts";
import { ApiError } from "../../api/client.ts";
import { useComponents, useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { PageHeader, Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { useMandates } from "../mandates/mandates-api.ts";
import {
  type PracticeForm,
  useDeletePractice,
  usePractice,
  useSavePractice,
  useSetPracticeStatus,
} from "./practices-api.ts";

const blank: PracticeForm = {
  slug: "",
  title: "",
  summary: "",
  body: "",
  language: "es",
  source: { kind: "mechanism", name: "", citation: "", url: null },
  countries: [],
  components: [],
  initiatives: [],
  mandates: [],
  documents: [],
};

const toForm = (p: PracticeDetail): PracticeForm => ({
  slug: p.slug,
  title: p.title,
  summary: p.summary,
  body: p.body,
  language: p.language,
  source: { ...p.source },
  countries: p.countries,
  components: p.components,
  initiatives: p.initiatives.map((i) => i.code),
  mandates: p.mandates.map((m) => m.id),
  documents: p.documents,
  version: p.version,
});

const fieldPrefixes = [
  "slug",
  "title",
  "summary",
  "body",
  "language",
  "source",
  "countries",
  "components",
  "initiatives",
  "mandates",
  "documents",
];

/** The problems shown under their fields, so the alert above the button lists only the rest. */
const shownUnderFields = (error: unknown) =>
  error instanceof ApiError
    ? error.details
        .map((d) => d.path)
        .filter((path) => fieldPrefixes.some((f) => path === f || path.startsWith(`${f}.`)))
    : [];

/** The secretariat writes a new practice (a draft). */
export function NewPracticePage() {
  return <PracticeEditor practice={undefined} />;
}

/** The secretariat edits a practice, publishes it or withdraws it. */
export function PracticeEditPage() {
  const { id = "" } = useParams();
  const practice = usePractice(id);
  return (
    <QueryState query={practice}>{(detail) => <PracticeEditor practice={detail} />}</QueryState>
  );
}

function PracticeEditor({ practice }: { practice: PracticeDetail | undefined }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const navigate = useNavigate();
  const [form, setForm] = useState<PracticeForm>(practice ? toForm(practice) : blank);
  useEffect(() => {
    if (practice) setForm(toForm(practice));
  }, [practice]);
  const save = useSavePractice(practice?.id);
  const status = useSetPracticeStatus(practice?.id ?? "");
  const remove = useDeletePractice(practice?.id ?? "");
  const components = useComponents();
  const initiatives = useInitiatives({ limit: 500 });
  const mandates = useMandates();
  const set = (changes: Partial<PracticeForm>) => setForm({ ...form, ...changes });
  const setSource = (changes: Partial<PracticeForm["source"]>) =>
    setForm({ ...form, source: { ...form.source, ...changes } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form, {
      onSuccess: (saved) => {
        if (!practice) void navigate(`/workspace/practices/${saved.id}`);
      },
    });
  };
  const error = save.error;
  return (
    <>
      <PageHeader
        title={practice ? practice.title : t("practices.workspace.new")}
        crumbs={[{ to: "/workspace/practices", label: t("practices.workspace.title") }]}
        description={
          practice ? t(`practices.status.${practice.status}`) : t("practices.workspace.draftNote")
        }
        aside={
          practice ? (
            <Group gap="xs">
              {practice.status === "published" ? (
                <Button component={Link} to={`/practices/${practice.slug}`} variant="default">
                  {t("practices.workspace.view")}
                </Button>
              ) : null}
              <Button
                data-testid="practice-status"
                loading={status.isPending}
                color={practice.status === "draft" ? "green" : "orange"}
                onClick={() =>
                  status.mutate({
                    status: practice.status === "draft" ? "published" : "draft",
                    version: practice.version,
                  })
                }
              >
                {t(
                  practice.status === "draft"
                    ? "practices.workspace.publish"
                    : "practices.workspace.withdraw",
                )}
              </Button>
              {practice.status === "draft" ? (
                <Button
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={() =>
                    remove.mutate(undefined, { onSuccess: () => navigate("/workspace/practices") })
                  }
                >
                  {t("practices.workspace.delete")}
                </Button>
              ) : null}
            </Group>
          ) : null
        }
      />
      <Container size="xl">
        <form onSubmit={submit} noValidate data-testid="practice-form">
          <Stack gap="sm">
            <ApiErrorAlert error={status.error ?? remove.error} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t("practices.field.slug")}
                description={t("practices.field.slugHelp")}
                required
                value={form.slug}
                onChange={(e) => set({ slug: e.currentTarget.value })}
                error={fieldError(error, "slug")}
              />
              <Select
                label={t("practices.language")}
                required
                value={form.language}
                onChange={(v) => set({ language: v === "en" ? "en" : "es" })}
                data={[
                  { value: "es", label: t("lang.es") },
                  { value: "en", label: t("lang.en") },
                ]}
                error={fieldError(error, "language")}
              />
              <Select
                label={t("practices.field.sourceKind")}
                required
                value={form.source.kind}
                onChange={(v) => setSource({ kind: v === "state" ? "state" : "mechanism" })}
                data={[
                  { value: "mechanism", label: t("practices.sourceKind.mechanism") },
                  { value: "state", label: t("practices.sourceKind.state") },
                ]}
                error={fieldError(error, "source.kind")}
              />
            </SimpleGrid>
            <TextInput
              label={t("practices.field.title")}
              required
              value={form.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
              error={fieldError(error, "title")}
            />
            <Textarea
              label={t("practices.field.summary")}
              required
              autosize
              minRows={2}
              value={form.summary}
              onChange={(e) => set({ summary: e.currentTarget.value })}
              error={fieldError(error, "summary")}
            />
            <Textarea
              label={t("practices.field.body")}
              description={t("practices.field.bodyHelp")}
              required
              autosize
              minRows={8}
              ff="monospace"
              value={form.body}
              onChange={(e) => set({ body: e.currentTarget.value })}
              error={fieldError(error, "body")}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t("practices.field.sourceName")}
                required
                value={form.source.name}
                onChange={(e) => setSource({ name: e.currentTarget.value })}
                error={fieldError(error, "source.name")}
              />
              <TextInput
                label={t("practices.field.citation")}
                required
                value={form.source.citation}
                onChange={(e) => setSource({ citation: e.currentTarget.value })}
                error={fieldError(error, "source.citation")}
              />
              <TextInput
                label={t("practices.field.sourceUrl")}
                type="url"
                value={form.source.url ?? ""}
                onChange={(e) => setSource({ url: e.currentTarget.value || null })}
                error={fieldError(error, "source.url")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TagsInput
                label={t("search.country")}
                description={t("practices.field.countriesHelp")}
                value={form.countries}
                onChange={(values) => set({ countries: values.map((v) => v.trim().toUpperCase()) })}
                data={memberStates.map((code) => ({
                  value: code,
                  label: `${code} · ${fmt.country(code)}`,
                }))}
                error={fieldError(error, "countries")}
              />
              <MultiSelect
                label={t("search.component")}
                value={form.components}
                onChange={(values) => set({ components: values })}
                data={(components.data?.data ?? []).map((c) => ({
                  value: c.code,
                  label: `${c.code} · ${pick(c.name)}`,
                }))}
                error={fieldError(error, "components")}
              />
              <MultiSelect
                label={t("search.kind.initiative")}
                searchable
                value={form.initiatives}
                onChange={(values) => set({ initiatives: values })}
                data={(initiatives.data?.data ?? []).map((i) => ({
                  value: i.code,
                  label: `${i.code} · ${pick(i.title)}`,
                }))}
                error={fieldError(error, "initiatives")}
              />
              <MultiSelect
                label={t("search.kind.mandate")}
                searchable
                value={form.mandates}
                onChange={(values) => set({ mandates: values })}
                data={(mandates.data?.data ?? []).map((m) => ({
                  value: m.id,
                  label: `${m.resolution.symbol} · ${t("mandates.paragraphShort", { number: m.paragraph })}`,
                }))}
                error={fieldError(error, "mandates")}
              />
            </SimpleGrid>
            <Section title={t("practices.field.documents")}>
              <Stack gap="xs">
                {form.documents.map((doc, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
                  <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
                    <TextInput
                      aria-label={t("practices.field.documentTitle")}
                      placeholder={t("practices.field.documentTitle")}
                      value={doc.title}
                      onChange={(e) =>
                        set({
                          documents: form.documents.map((d, i) =>
                            i === index ? { ...d, title: e.currentTarget.value } : d,
                          ),
                        })
                      }
                      error={fieldError(error, `documents.${index}.title`)}
                      style={{ flex: 1 }}
                    />
                    <TextInput
                      aria-label={t("practices.field.documentUrl")}
                      value={doc.url}
                      onChange={(e) =>
                        set({
                          documents: form.documents.map((d, i) =>
                            i === index ? { ...d, url: e.currentTarget.value } : d,
                          ),
                        })
                      }
                      error={fieldError(error, `documents.${index}.url`)}
                      style={{ flex: 1 }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={6}
                      aria-label={t("practices.field.removeDocument")}
                      onClick={() =>
                        set({ documents: form.documents.filter((_, i) => i !== index) })
                      }
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => set({ documents: [...form.documents, { title: "", url: "" }] })}
                  >
                    {t("practices.field.addDocument")}
                  </Button>
                </Group>
              </Stack>
            </Section>
            <ApiErrorAlert error={error} shownPaths={shownUnderFields(error)} />
            {save.isSuccess && practice ? (
              <Alert color="green">{t("practices.workspace.saved")}</Alert>
            ) : null}
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="practice-save">
                {t("practices.workspace.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Container>
    </>
  );
}
