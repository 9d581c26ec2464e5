import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { MemberState } from "../../../contracts/enums.ts";
import type { Initiative } from "../../../contracts/initiatives.ts";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, pickText } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { MeasureHelp } from "../../ui/MeasureHelp.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";

/**
 * The initiatives a country takes part in but another member state leads. An initiative
 * records its participating countries but no country's share of its budget, so each is
 * "regional" here, at its whole budget, and none is counted in this country's figures.
 */
export function RegionalInitiatives({ code }: { code: MemberState }) {
  const { t, fmt, lang } = useI18n();
  const initiatives = useInitiatives({ country: code, limit: 100, sort: "code" });
  const country = fmt.country(code);
  const columns: Column<Initiative>[] = [
    {
      key: "code",
      header: t("initiative.code"),
      cell: (i) => (
        <Anchor component={Link} to={`/initiatives/${i.id}`} size="sm" fw={600}>
          {i.code}
        </Anchor>
      ),
      value: (i) => i.code,
    },
    {
      key: "title",
      header: t("initiative.title"),
      cell: (i) => <BilingualText value={i.title} />,
      value: (i) => pickText(i.title, lang).text,
    },
    {
      key: "lead",
      header: t("initiative.leadCountry"),
      cell: (i) => fmt.country(i.lead_country),
      value: (i) => fmt.country(i.lead_country),
    },
    {
      key: "status",
      header: t("initiative.status"),
      cell: (i) => <StatusBadge status={i.status} />,
      value: (i) => t(`status.${i.status}`),
    },
    {
      key: "share",
      header: t("country.share", { country }),
      help: (
        <MeasureHelp
          measure={t("country.share", { country })}
          definition={t("country.shareHelp")}
        />
      ),
      cell: () => t("country.shareRegional"),
      value: () => t("country.shareRegional"),
    },
    {
      key: "budget",
      header: t("country.wholeBudget"),
      kind: "amount",
      cell: (i) => fmt.money(i.budget_usd.amount, i.budget_usd.currency),
      value: (i) => i.budget_usd.amount,
    },
  ];
  return (
    <QueryState query={initiatives}>
      {(list) => {
        const regional = list.data.filter((i) => i.lead_country !== code);
        return (
          <Stack gap="xs">
            <DataTable
              caption={t("country.participating", { country })}
              fileName={`esca-${code}-regional-initiatives`}
              rows={regional}
              rowKey={(i) => i.id}
              columns={columns}
            />
            {list.page.total > list.data.length ? (
              <Text size="sm">
                <Anchor component={Link} to={`/initiatives?country=${code}`}>
                  {t("initiatives.seeAll", { count: list.page.total })}
                </Anchor>
              </Text>
            ) : null}
          </Stack>
        );
      }}
    </QueryState>
  );
}
