import { Badge, Table } from "@mantine/core";
import { useMemo, useRef } from "react";
import type { LiveBoard, LiveBoardPledge } from "../../../contracts/live-board.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePick } from "../../ui/Bilingual.tsx";
import { IllustrativeBadge, IllustrativeMark } from "../../ui/Provenance.tsx";
import { BothLanguages } from "./bilingual-labels.tsx";

/** The running totals: what was announced at the conference and what is committed so far. */
export function LiveTotals({ board }: { board: LiveBoard }) {
  const { fmt } = useI18n();
  const usd = (amount: string | null) => (amount === null ? "—" : fmt.money(amount, "USD"));
  return (
    <section className="lb-totals" aria-labelledby="lb-announced">
      <div className="lb-total lb-total-main">
        <h2 id="lb-announced" className="lb-label">
          <BothLanguages k="liveBoard.announced" />
        </h2>
        <p className="lb-figure" data-testid="live-announced">
          {usd(board.totals.announced)}
        </p>
      </div>
      <div className="lb-total lb-total-main">
        <h2 className="lb-label">
          <BothLanguages k="liveBoard.committed" />
        </h2>
        <p className="lb-figure" data-testid="live-committed">
          {usd(board.totals.committed)}
        </p>
      </div>
      <div className="lb-total">
        <h2 className="lb-label">
          <BothLanguages k="liveBoard.notCommitted" />
        </h2>
        <p className="lb-figure-small">{usd(board.totals.announced_not_committed)}</p>
      </div>
      <div className="lb-total">
        <h2 className="lb-label">
          <BothLanguages k="liveBoard.disbursed" />
        </h2>
        <p className="lb-figure-small">{usd(board.totals.disbursed)}</p>
      </div>
    </section>
  );
}

/** The newest pledges, newest first; one that arrived while the page is open is highlighted. */
export function LatestPledges({ board }: { board: LiveBoard }) {
  const { t, fmt } = useI18n();
  const seen = useRef<Set<string> | null>(null);
  // The pledges on screen at first are not new; every one after is, once.
  const fresh = useMemo(() => {
    const ids = board.latest_pledges.map((pledge) => pledge.id);
    const before = seen.current;
    seen.current = new Set([...(before ?? []), ...ids]);
    return new Set(before ? ids.filter((id) => !before.has(id)) : []);
  }, [board.latest_pledges]);
  return (
    <section className="lb-panel" aria-labelledby="lb-latest">
      <h2 id="lb-latest" className="lb-panel-title">
        <BothLanguages k="liveBoard.latest" />
      </h2>
      <p className="lb-count">
        {t("liveBoard.pledgeCount", { count: fmt.number(board.pledge_count) })}
      </p>
      {board.latest_pledges.length === 0 ? (
        <p className="lb-empty">{t("liveBoard.noPledges")}</p>
      ) : (
        <ol className="lb-pledges" aria-live="polite" data-testid="live-pledges">
          {board.latest_pledges.map((pledge) => (
            <PledgeItem key={pledge.id} pledge={pledge} fresh={fresh.has(pledge.id)} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PledgeItem({ pledge, fresh }: { pledge: LiveBoardPledge; fresh: boolean }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  const time = new Intl.DateTimeFormat(fmt.locale, { timeStyle: "short" }).format(
    new Date(pledge.recorded_at),
  );
  const amountMarked = pledge.illustrative_fields.includes("amount");
  return (
    <li
      className={`lb-pledge${fresh ? " lb-new" : ""}${pledge.reversed ? " lb-reversed" : ""}`}
      data-pledge-id={pledge.id}
    >
      <span className="lb-pledge-partner">{pick(pledge.partner.name) || pledge.partner.code}</span>
      <span className="lb-pledge-amount">
        {pledge.value
          ? fmt.money(pledge.value.amount, pledge.value.currency)
          : t("liveBoard.noAmount")}
        {amountMarked ? <IllustrativeMark /> : null}
      </span>
      {pledge.value && pledge.value_usd && pledge.value.currency !== "USD" ? (
        <span className="lb-pledge-usd">
          {t("liveBoard.inUsd", { amount: fmt.money(pledge.value_usd.amount, "USD") })}
        </span>
      ) : null}
      <span className="lb-pledge-meta">
        {t("liveBoard.recordedAt", { time })}
        {pledge.reversed ? (
          <Badge color="red" variant="filled" size="sm" ml="xs">
            {t("liveBoard.reversed")}
          </Badge>
        ) : null}
        {pledge.illustrative ? <IllustrativeBadge /> : null}
      </span>
      {pledge.source ? (
        <span className="lb-pledge-source">
          {t("provenance.source", { source: pledge.source })}
        </span>
      ) : null}
    </li>
  );
}

/** Each partner's announced and committed figures, largest announcement first. */
export function PartnerList({ board }: { board: LiveBoard }) {
  const { t, fmt } = useI18n();
  const pick = usePick();
  return (
    <section className="lb-panel" aria-labelledby="lb-partners">
      <h2 id="lb-partners" className="lb-panel-title">
        <BothLanguages k="liveBoard.partners" />
      </h2>
      <div className="lb-table-wrap">
        <Table className="lb-table" data-testid="live-partners">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("liveBoard.partner")}</Table.Th>
              <Table.Th ta="right">{t("liveBoard.announced")}</Table.Th>
              <Table.Th ta="right">{t("liveBoard.committed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.partners.map((row) => (
              <Table.Tr key={row.partner.id}>
                <Table.Td>{pick(row.partner.name) || row.partner.code}</Table.Td>
                <Table.Td ta="right">{fmt.money(row.announced, "USD")}</Table.Td>
                <Table.Td ta="right">{fmt.money(row.committed, "USD")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr className="lb-table-total">
              <Table.Th scope="row">{t("table.total")}</Table.Th>
              <Table.Td ta="right">{fmt.money(board.totals.announced, "USD")}</Table.Td>
              <Table.Td ta="right">{fmt.money(board.totals.committed, "USD")}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </div>
    </section>
  );
}
