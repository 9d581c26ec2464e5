import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText } from "../../ui/Bilingual.tsx";
import { Section } from "../../ui/PageHeader.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { RequestList } from "../requests/RequestList.tsx";
import { BodyAreas, BodySupportSummary } from "./BodySupport.tsx";
import { useOasBody } from "./directory-api.ts";

/** On an OAS body's partner page: what it does, whom to address, what it gave and was asked. */
export function BodyProfile({ code }: { code: string }) {
  const { t } = useI18n();
  const body = useOasBody(code);
  return (
    <QueryState query={body}>
      {(entry) => (
        <Stack gap="lg">
          <Section title={t("directory.mandate")} id="body-mandate">
            <Stack gap="xs">
              <Text>
                <BilingualText value={entry.mandate} />
              </Text>
              <Text size="sm" c="dimmed">
                {t("directory.contact")}: <BilingualText value={entry.contact_role} />
              </Text>
              {entry.parent ? (
                <Text size="sm">
                  {t("directory.partOf")}{" "}
                  <Anchor component={Link} to={`/partners/${entry.parent.code}`}>
                    <BilingualText value={entry.parent.name} />
                  </Anchor>
                </Text>
              ) : null}
              <BodyAreas body={entry} />
            </Stack>
          </Section>
          <Section title={t("directory.given")} id="body-support">
            <BodySupportSummary body={entry} />
          </Section>
          <Section title={t("requests.title")} id="body-requests">
            <RequestList query={{ body: entry.code }} />
          </Section>
        </Stack>
      )}
    </QueryState>
  );
}

/** A body with an entry in the directory: its page leads with the profile. */
export const hasMoney = (total: {
  offered: string;
  announced: string;
  committed: string;
  disbursed: string;
}) =>
  [total.offered, total.announced, total.committed, total.disbursed].some((v) => Number(v) !== 0);
