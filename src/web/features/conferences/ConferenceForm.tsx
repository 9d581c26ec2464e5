import { Button, Group, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { Conference } from "../../../contracts/conferences.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { useCreateConference, useUpdateConference } from "./conferences-api.ts";

const FIELDS = [
  ["code", "conf.field.code"],
  ["name.es", "conf.field.nameEs"],
  ["name.en", "conf.field.nameEn"],
  ["city", "conf.field.city"],
  ["country", "conf.field.country"],
  ["start_date", "conf.field.startDate"],
  ["end_date", "conf.field.endDate"],
  ["source", "conf.field.source"],
] as const;
type Path = (typeof FIELDS)[number][0];

const valuesOf = (c: Conference | null): Record<Path, string> => ({
  code: c?.code ?? "",
  "name.es": c?.name.es ?? "",
  "name.en": c?.name.en ?? "",
  city: c?.city ?? "",
  country: c?.country ?? "",
  start_date: c?.start_date ?? "",
  end_date: c?.end_date ?? "",
  source: c?.source ?? "",
});

/** Creates a conference (a draft), or edits one with the version it was read at. */
export function ConferenceForm({
  conference,
  onSaved,
}: {
  conference: Conference | null;
  onSaved: (saved: Conference) => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(valuesOf(conference));
  const create = useCreateConference();
  const update = useUpdateConference(conference?.id ?? "");
  const mutation = conference ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: { es: values["name.es"].trim(), en: values["name.en"].trim() },
      city: values.city.trim(),
      country: values.country.trim().toUpperCase(),
      start_date: values.start_date,
      end_date: values.end_date,
      source: values.source.trim() || null,
    };
    if (conference) {
      update.mutate({ ...body, version: conference.version }, { onSuccess: onSaved });
    } else {
      create.mutate({ ...body, code: values.code.trim().toUpperCase() }, { onSuccess: onSaved });
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="conference-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {FIELDS.filter(([path]) => !(conference && path === "code")).map(([path, label]) => (
            <TextInput
              key={path}
              label={t(label)}
              required={path !== "source"}
              type={path.endsWith("_date") ? "date" : "text"}
              value={values[path]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [path]: value }));
              }}
              error={fieldError(mutation.error, path)}
            />
          ))}
        </SimpleGrid>
        <ApiErrorAlert error={mutation.error} shownPaths={FIELDS.map(([path]) => path)} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {conference ? t("conf.saveChanges") : t("conf.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
