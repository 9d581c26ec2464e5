import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { MemberState } from "../../../contracts/enums.ts";
import type { Initiative } from "../../../contracts/initiatives.ts";
import {
  formatMinorUnits,
  shareOfMinorUnits,
  toMinorUnits,
} from "../../../contracts/minor-units.ts";
import { useInitiatives } from "../../api/queries.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { BilingualText, pickText } from "../../ui/Bilingual.tsx";
import { type Column, DataTable } from "../../ui/DataTable.tsx";
import { MeasureHelp } from "../../ui/MeasureHelp.tsx";
import { QueryState } from "../../ui/QueryState.tsx";
import { StatusBadge } from "../../ui/StatusBadge.tsx";

/**
 * The initiatives a country takes part in but another member state leads. Where an initiative
 * records this country's share of its budget, the share is shown with its amount in USD
 * (exact in cents, rounded half away from zero); elsewhere it is "regional", at its whole
 * budget. None is counted in this country's figures.
 */
export function RegionalInitiatives({ code }: { code: MemberState }) {
  const { t, fmt, lang } = useI18n();
  const initiatives = useInitiatives({ country: code, limit: 100, sort: "code" });
  const country = fmt.country(code);
  const shareText = (i: Initiative) => {
    const share = i.country_shares.find((s) => s.country === code);
    if (!share) return t("country.shareRegional");
    const usd = i.budget_usd;
    const part = shareOfMinorUnits(toMinorUnits(usd.amount, usd.currency), share.percentage);
    return t("country.shareOf", {
      percentage: fmt.percent(share.percentage),
      amount: fmt.money(formatMinorUnits(part, usd.currency), usd.currency),
    });
  };
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
          definition={`${t("country.shareHelp")} ${t("country.shareRounding")}`}
        />
      ),
      cell: (i) => shareText(i),
      value: (i) => shareText(i),
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
