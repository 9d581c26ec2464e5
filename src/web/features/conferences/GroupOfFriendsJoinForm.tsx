import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { ApiErrorAlert, fieldError } from "../../ui/ApiErrorAlert.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { useGroupOfFriends, useSetGroupOfFriendsJoin } from "./conferences-api.ts";

/** Workspace (secretariat): when a member joined the Group of Friends, with its source. */
export function GroupOfFriendsJoinForm() {
  const { t } = useI18n();
  const pick = usePick();
  const group = useGroupOfFriends();
  const save = useSetGroupOfFriendsJoin();
  const [member, setMember] = useState("");
  const [joinedOn, setJoinedOn] = useState("");
  const [source, setSource] = useState("");
  const [illustrative, setIllustrative] = useState(false);
  const choose = (id: string | null) => {
    const found = group.data?.members.find((m) => m.organization.id === id);
    setMember(id ?? "");
    setJoinedOn(found?.joined?.on ?? "");
    setSource(found?.joined?.source ?? "");
    setIllustrative(found?.joined?.illustrative ?? false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      organizationId: member,
      input: {
        joined_on: joinedOn,
        illustrative,
        ...(source.trim() ? { source: source.trim() } : {}),
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="group-of-friends-join-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label={t("conf.field.member")}
            required
            searchable
            value={member || null}
            onChange={choose}
            data={(group.data?.members ?? []).map((m) => ({
              value: m.organization.id,
              label: `${m.organization.code} · ${pick(m.organization.name)}`,
            }))}
          />
          <TextInput
            type="date"
            label={t("gof.joined")}
            required
            value={joinedOn}
            onChange={(e) => setJoinedOn(e.currentTarget.value)}
            error={fieldError(save.error, "joined_on")}
          />
          <TextInput
            label={t("conf.field.source")}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={fieldError(save.error, "source")}
          />
          <Checkbox
            mt="lg"
            label={t("conf.field.illustrative")}
            checked={illustrative}
            onChange={(e) => setIllustrative(e.currentTarget.checked)}
          />
        </SimpleGrid>
        <ApiErrorAlert error={save.error} shownPaths={["joined_on", "source"]} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={member === ""}>
            {t("gof.saveJoin")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
