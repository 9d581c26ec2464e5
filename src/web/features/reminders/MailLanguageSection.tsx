import { SegmentedControl, Stack, Text } from "@mantine/core";
import type { Language } from "../../../contracts/enum-values.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { useSetMailLanguage } from "./reminders-api.ts";

/** The account page's choice of the language reminder digests are written in. */
export function MailLanguageSection({ language }: { language: Language }) {
  const { t } = useI18n();
  const save = useSetMailLanguage();
  return (
    <Section title={t("reminders.mail.title")} description={t("reminders.mail.help")} id="mail">
      <Stack gap="xs">
        <SegmentedControl
          aria-label={t("reminders.mail.title")}
          value={save.variables ?? language}
          disabled={save.isPending}
          onChange={(value) => save.mutate(value as Language)}
          data={[
            { value: "es", label: t("reminders.mail.es") },
            { value: "en", label: t("reminders.mail.en") },
          ]}
          w="fit-content"
        />
        {save.isSuccess ? (
          <Text size="sm" c="teal" role="status">
            {t("reminders.mail.saved")}
          </Text>
        ) : null}
        {save.error ? <ApiErrorAlert error={save.error} /> : null}
      </Stack>
    </Section>
  );
}
