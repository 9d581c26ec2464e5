import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useOrganizations } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type PartKind, useSavePart } from "./conferences-api.ts";
import { type FormValues, partFields, toPayload } from "./part-fields.ts";

/**
 * Adds a part to a conference, or replaces the one being edited (sent whole with the
 * version it was read at, so a concurrent change is refused rather than overwritten).
 */
export function PartForm({
  conferenceId,
  kind,
  editing,
  onDone,
}: {
  conferenceId: string;
  kind: PartKind;
  editing: { id: string; version: number; values: FormValues } | null;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const pick = usePick();
  const fields = partFields[kind];
  const organizations = useOrganizations();
  const [values, setValues] = useState<FormValues>(editing?.values ?? {});
  const save = useSavePart(conferenceId, kind);
  const set = (path: string, value: string | boolean | null) =>
    setValues((v) => ({ ...v, [path]: value ?? "" }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      ...toPayload(fields, values),
      ...(editing ? { version: editing.version } : {}),
    };
    save.mutate(
      { partId: editing?.id ?? null, input },
      {
        onSuccess: () => {
          setValues({});
          onDone();
        },
      },
    );
  };
  const orgOptions = (organizations.data?.data ?? []).map((o) => ({
    value: o.id,
    label: `${o.code} · ${pick(o.name)}`,
  }));
  return (
    <form onSubmit={submit} noValidate data-testid={`part-form-${kind}`}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {fields.map((field) => {
            const common = {
              label: t(field.label),
              required: field.required ?? false,
              error: fieldError(save.error, field.path),
            };
            const text =
              typeof values[field.path] === "string" ? (values[field.path] as string) : "";
            if (field.kind === "check") {
              return (
                <Checkbox
                  key={field.path}
                  {...common}
                  mt="lg"
                  checked={values[field.path] === true}
                  onChange={(e) => set(field.path, e.currentTarget.checked)}
                />
              );
            }
            if (field.kind === "organization" || field.kind === "enum") {
              const data =
                field.kind === "organization"
                  ? orgOptions
                  : (field.options ?? []).map((o) => ({
                      value: o,
                      label: field.optionLabel ? t(field.optionLabel(o)) : o,
                    }));
              return (
                <Select
                  key={field.path}
                  {...common}
                  searchable
                  clearable={!field.required}
                  data={data}
                  value={text || null}
                  onChange={(value) => set(field.path, value)}
                />
              );
            }
            return (
              <TextInput
                key={field.path}
                {...common}
                type={field.kind === "text" ? "text" : field.kind}
                value={text}
                onChange={(e) => set(field.path, e.currentTarget.value)}
              />
            );
          })}
        </SimpleGrid>
        <ApiErrorAlert error={save.error} shownPaths={fields.map((f) => f.path)} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {editing ? t("conf.saveChanges") : t(`conf.add.${kind}`)}
          </Button>
          {editing ? (
            <Button variant="subtle" onClick={onDone}>
              {t("conf.cancel")}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
