import { Button, Group, Select, Stack } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { MandateDetail } from "../../../contracts/mandates.ts";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { useInitiativeLinks } from "./mandates-api.ts";

/** The secretariat records that an initiative answers the paragraph. */
export function InitiativeLinkForm({ mandate }: { mandate: MandateDetail }) {
  const { t } = useI18n();
  const pick = usePick();
  const { link } = useInitiativeLinks(mandate.id);
  const initiatives = useInitiatives({ limit: 500, sort: "code" });
  const [initiativeId, setInitiativeId] = useState<string | null>(null);
  const linked = new Set(mandate.initiatives.map((i) => i.id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (initiativeId) link.mutate(initiativeId, { onSuccess: () => setInitiativeId(null) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="initiative-link-form">
      <Stack gap="sm">
        <Select
          label={t("mandates.links.initiative")}
          required
          searchable
          value={initiativeId}
          onChange={setInitiativeId}
          data={(initiatives.data?.data ?? [])
            .filter((i) => !linked.has(i.id))
            .map((i) => ({ value: i.id, label: `${i.code} · ${pick(i.title)}` }))}
        />
        <ApiErrorAlert error={link.error} />
        <Group>
          <Button type="submit" loading={link.isPending} disabled={!initiativeId}>
            {t("mandates.links.link")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
