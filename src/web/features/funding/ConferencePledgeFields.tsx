import { Select } from "@mantine/core";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { useConference, useConferenceList } from "../conferences/conferences-api.ts";

/**
 * A pledge's conference and the session it was announced at. Only the chosen conference's
 * sessions are offered; the server checks the pair again (and that the entry is a pledge).
 */
export function ConferencePledgeFields({
  conference,
  session,
  onConference,
  onSession,
  error,
}: {
  conference: string;
  session: string;
  onConference: (id: string) => void;
  onSession: (id: string) => void;
  error: (path: string) => ReactNode;
}) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const conferences = useConferenceList();
  const chosen = useConference(conference);
  return (
    <>
      <Select
        label={t("flow.conference")}
        description={t("flow.conferenceHelp")}
        clearable
        searchable
        value={conference || null}
        onChange={(value) => {
          onConference(value ?? "");
          onSession("");
        }}
        data={(conferences.data?.data ?? []).map((c) => ({
          value: c.id,
          label: `${c.code} · ${pick(c.name)}`,
        }))}
        error={error("conference_id")}
      />
      <Select
        label={t("flow.conferenceSession")}
        clearable
        disabled={conference === ""}
        value={session || null}
        onChange={(value) => onSession(value ?? "")}
        data={(chosen.data?.sessions ?? []).map((s) => ({
          value: s.id,
          label: `${fmt.date(s.day)} ${s.starts_at} · ${pick(s.title)}`,
        }))}
        error={error("conference_session_id")}
      />
    </>
  );
}
