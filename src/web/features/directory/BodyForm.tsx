import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { oasBodyKinds } from "../../../contracts/enum-values.ts";
import type { OasBodyEntry } from "../../../contracts/oas-bodies.ts";
import { useComponents } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type BodyInput, useOasBodies, useSaveOasBody } from "./directory-api.ts";

const blank: BodyInput = {
  code: "",
  name: { es: "", en: "" },
  acronym: null,
  body_kind: "entity",
  parent: null,
  mandate: { es: "", en: "" },
  contact_role: { es: "", en: "" },
  components: [],
  lines_of_action: [],
  source: null,
};

const fromBody = (body: OasBodyEntry): BodyInput => ({
  code: body.code,
  name: body.name,
  acronym: body.acronym,
  body_kind: body.body_kind,
  parent: body.parent?.code ?? null,
  mandate: body.mandate,
  contact_role: body.contact_role,
  components: body.components.map((c) => c.code),
  lines_of_action: body.lines_of_action.map((l) => l.code),
  source: body.source,
});

const shown = [
  "code",
  "name",
  "acronym",
  "body_kind",
  "parent",
  "mandate",
  "contact_role",
  "components",
  "lines_of_action",
  "source",
];

/**
 * The secretariat adds an OAS organ, agency or entity to the directory, or edits one: its
 * names, kind, place in the OAS, mandate in brief, the contact role the public may address
 * (never a person's e-mail) and what of the strategy it can support. Each refusal is shown
 * under its field, in the reader's language.
 */
export function BodyForm({
  body,
  onSaved,
  onCancel,
}: {
  body: OasBodyEntry | null;
  onSaved: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const pick = usePick();
  const save = useSaveOasBody(body ? { code: body.code, version: body.version } : null);
  const bodies = useOasBodies();
  const components = useComponents();
  const [form, setForm] = useState<BodyInput>(body ? fromBody(body) : blank);
  const error = save.error;
  const bilingual = (
    field: "name" | "mandate" | "contact_role",
    lang: "es" | "en",
    multiline: boolean,
  ) => {
    const props = {
      label: t(`directory.form.${field}.${lang}`),
      required: true,
      value: form[field][lang],
      error: fieldError(error, `${field}.${lang}`, true),
      ...(field === "contact_role" && { description: t("directory.form.contactHelp") }),
    };
    const change = (value: string) =>
      setForm({ ...form, [field]: { ...form[field], [lang]: value } });
    return multiline ? (
      <Textarea {...props} autosize minRows={2} onChange={(e) => change(e.currentTarget.value)} />
    ) : (
      <TextInput {...props} onChange={(e) => change(e.currentTarget.value)} />
    );
  };
  const lines = (components.data?.data ?? []).flatMap((c) =>
    c.lines_of_action.map((l) => ({ value: l.code, label: `${l.code} · ${pick(l.name)}` })),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form, { onSuccess: (saved) => onSaved(saved.code) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="body-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("directory.form.code")}
            description={t("directory.form.codeHelp")}
            required
            disabled={body !== null}
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value.toUpperCase() })}
            error={fieldError(error, "code")}
          />
          <TextInput
            label={t("directory.form.acronym")}
            value={form.acronym ?? ""}
            onChange={(e) => setForm({ ...form, acronym: e.currentTarget.value || null })}
            error={fieldError(error, "acronym")}
          />
          <Select
            label={t("directory.kind")}
            required
            allowDeselect={false}
            value={form.body_kind}
            onChange={(v) => v && setForm({ ...form, body_kind: v as BodyInput["body_kind"] })}
            data={oasBodyKinds.map((kind) => ({
              value: kind,
              label: t(`directory.bodyKind.${kind}`),
            }))}
            error={fieldError(error, "body_kind")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {bilingual("name", "es", false)}
          {bilingual("name", "en", false)}
          {bilingual("mandate", "es", true)}
          {bilingual("mandate", "en", true)}
          {bilingual("contact_role", "es", false)}
          {bilingual("contact_role", "en", false)}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("directory.partOf")}
            clearable
            searchable
            value={form.parent}
            onChange={(v) => setForm({ ...form, parent: v })}
            data={(bodies.data?.data ?? [])
              .filter((b) => b.code !== body?.code)
              .map((b) => ({ value: b.code, label: `${b.code} · ${pick(b.name)}` }))}
            error={fieldError(error, "parent")}
          />
          <MultiSelect
            label={t("directory.form.components")}
            value={form.components}
            onChange={(v) => setForm({ ...form, components: v })}
            data={(components.data?.data ?? []).map((c) => ({
              value: c.code,
              label: `${c.code} · ${pick(c.name)}`,
            }))}
            error={fieldError(error, "components")}
          />
          <MultiSelect
            label={t("directory.form.lines")}
            searchable
            value={form.lines_of_action}
            onChange={(v) => setForm({ ...form, lines_of_action: v })}
            data={lines}
            error={fieldError(error, "lines_of_action")}
          />
        </SimpleGrid>
        <TextInput
          label={t("directory.form.source")}
          value={form.source ?? ""}
          onChange={(e) => setForm({ ...form, source: e.currentTarget.value || null })}
          error={fieldError(error, "source")}
        />
        <ApiErrorAlert error={error} shownPaths={shown} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {body ? t("directory.form.save") : t("directory.form.create")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("directory.form.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
