import { Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { type LinkResult, saveActivityLink } from "./iati-api.ts";

export interface LinkTarget {
  /** Empty for a mapping of an identifier typed in (not imported yet, perhaps). */
  identifier: string;
  initiativeCode: string | null;
  mapped: boolean;
}

/**
 * The secretariat maps an IATI activity to an initiative, or removes its mapping; the
 * activity's imported flows follow by reversal and new entries (the API says how many).
 */
export function LinkDialog({
  target,
  onClose,
  onSaved,
}: {
  target: LinkTarget | null;
  onClose: () => void;
  onSaved: (identifier: string, result: LinkResult) => void;
}) {
  const { t } = useI18n();
  const pick = usePick();
  const client = useQueryClient();
  const initiatives = useInitiatives({ limit: 500, sort: "code" });
  const [identifier, setIdentifier] = useState("");
  const [initiative, setInitiative] = useState<string | null>(null);
  const [openedFor, setOpenedFor] = useState<LinkTarget | null>(null);
  if (target !== openedFor) {
    setOpenedFor(target);
    setIdentifier(target?.identifier ?? "");
    setInitiative(target?.initiativeCode ?? null);
  }
  const save = useMutation({
    mutationFn: (code: string | null) =>
      saveActivityLink({ identifier: identifier.trim(), initiative: code }),
    onSuccess: (result) => {
      void client.invalidateQueries({
        predicate: (q) => q.queryKey[0] !== "session" && q.queryKey[0] !== "iati-imports",
      });
      onSaved(identifier.trim(), result);
      save.reset();
      onClose();
    },
  });
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <Modal opened={target !== null} onClose={close} title={t("iati.links.dialogTitle")} centered>
      {target ? (
        <Stack>
          {target.identifier ? (
            <Text size="sm">
              {t("iati.links.activity")}: <strong>{target.identifier}</strong>
            </Text>
          ) : (
            <TextInput
              label={t("iati.links.identifier")}
              required
              value={identifier}
              onChange={(e) => setIdentifier(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <Select
            label={t("iati.links.initiative")}
            searchable
            required
            value={initiative}
            onChange={setInitiative}
            nothingFoundMessage={t("iati.links.noInitiative")}
            data={(initiatives.data?.data ?? []).map((i) => ({
              value: i.code,
              label: `${i.code} · ${pick(i.title)}`,
            }))}
          />
          <Text size="xs" c="dimmed">
            {t("iati.links.dialogHelp")}
          </Text>
          <ApiErrorAlert error={save.error} />
          <Group justify="space-between">
            {target.mapped ? (
              <Button
                variant="outline"
                color="red"
                onClick={() => save.mutate(null)}
                loading={save.isPending && save.variables === null}
              >
                {t("iati.links.remove")}
              </Button>
            ) : (
              <span />
            )}
            <Button
              onClick={() => initiative && save.mutate(initiative)}
              disabled={!initiative || !identifier.trim()}
              loading={save.isPending && save.variables !== null}
            >
              {t("iati.links.save")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
