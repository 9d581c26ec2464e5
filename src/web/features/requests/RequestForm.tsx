import {
  Alert,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { useOasBodies } from "../directory/directory-api.ts";
import { useMandates } from "../mandates/mandates-api.ts";
import { type NewRequest, useCreateRequest } from "./requests-api.ts";

/** ¶8 asks member states to draw upon the OAS organs, agencies and entities. */
const DEFAULT_RESOLUTION = "AG/RES. 2626 (XLI-O/11)";

const empty: NewRequest = {
  initiative: "",
  body: "",
  what: "",
  why: "",
  needed_by: null,
  resolution_symbol: DEFAULT_RESOLUTION,
  paragraph: 8,
};

const shorten = (text: string, max = 90) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** A focal point asks the General Secretariat (¶7) or a body (¶8) for technical support. */
export function RequestForm({ country }: { country: string | null }) {
  const { t } = useI18n();
  const pick = usePick();
  const initiatives = useInitiatives({ country: country ?? undefined, limit: 200 });
  const bodies = useOasBodies();
  const mandates = useMandates();
  // Which paragraph: each imported resolution's operative paragraphs, by symbol and number.
  const paragraphValue = (symbol: string, paragraph: number | null) =>
    paragraph === null ? null : `${paragraph} ${symbol}`;
  const paragraphs = (mandates.data?.data ?? []).map((m) => ({
    value: `${m.paragraph} ${m.resolution.symbol}`,
    label: `¶${m.paragraph} · ${m.resolution.symbol} — ${shorten(pick(m.text))}`,
  }));
  const create = useCreateRequest();
  const [form, setForm] = useState<NewRequest>(empty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form, { onSuccess: () => setForm(empty) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="request-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("requests.field.initiative")}
            required
            searchable
            value={form.initiative || null}
            onChange={(v) => setForm({ ...form, initiative: v ?? "" })}
            data={(initiatives.data?.data ?? []).map((i) => ({
              value: i.code,
              label: `${i.code} · ${pick(i.title)}`,
            }))}
            error={fieldError(create.error, "initiative")}
          />
          <Select
            label={t("requests.field.body")}
            required
            searchable
            value={form.body || null}
            onChange={(v) => setForm({ ...form, body: v ?? "" })}
            data={(bodies.data?.data ?? []).map((b) => ({ value: b.code, label: pick(b.name) }))}
            error={fieldError(create.error, "body")}
          />
        </SimpleGrid>
        <Textarea
          label={t("requests.field.what")}
          required
          autosize
          minRows={2}
          value={form.what}
          onChange={(e) => setForm({ ...form, what: e.currentTarget.value })}
          error={fieldError(create.error, "what")}
        />
        <Textarea
          label={t("requests.field.why")}
          required
          autosize
          minRows={2}
          value={form.why}
          onChange={(e) => setForm({ ...form, why: e.currentTarget.value })}
          error={fieldError(create.error, "why")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("requests.field.neededBy")}
            type="date"
            value={form.needed_by ?? ""}
            onChange={(e) => setForm({ ...form, needed_by: e.currentTarget.value || null })}
            error={fieldError(create.error, "needed_by")}
          />
          <Select
            label={t("requests.field.paragraph")}
            description={t("requests.paragraphHelp")}
            required
            searchable
            allowDeselect={false}
            value={paragraphValue(form.resolution_symbol, form.paragraph)}
            onChange={(v) => {
              if (!v) return;
              const space = v.indexOf(" ");
              setForm({
                ...form,
                paragraph: Number(v.slice(0, space)),
                resolution_symbol: v.slice(space + 1),
              });
            }}
            data={paragraphs}
            error={
              fieldError(create.error, "paragraph") ?? fieldError(create.error, "resolution_symbol")
            }
          />
        </SimpleGrid>
        <ApiErrorAlert
          error={create.error}
          shownPaths={[
            "initiative",
            "body",
            "what",
            "why",
            "needed_by",
            "paragraph",
            "resolution_symbol",
          ]}
        />
        {create.data ? (
          <Alert color="green" title={t("requests.sent")}>
            <Link to={`/requests/${create.data.id}`}>{create.data.what}</Link>
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t("requests.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
