import "./live-board.css";
import { Button, Group, SegmentedControl } from "@mantine/core";
import { useParams } from "react-router";
import type { LiveBoard } from "../../../contracts/live-board.ts";
import { isLanguage, useI18n } from "../../i18n/i18n.tsx";
import { IllustrativeBadge } from "../../ui/Provenance.tsx";
import { ErrorNotice, Loading } from "../../ui/QueryState.tsx";
import { BothLanguages, useOtherLanguage } from "./bilingual-labels.tsx";
import { LatestPledges, LiveTotals, PartnerList } from "./LiveBoardParts.tsx";
import { useLiveBoard } from "./live-board-api.ts";
import { type ConnectionState, useLiveBoardStream } from "./live-board-stream.ts";

/**
 * The live pledge board of a conference (/conferences/{id}/live), made for a projector at
 * the conference and readable on a phone: the running totals, the newest pledges as they are
 * recorded anywhere, the per-partner list, in both languages, with the connection's state
 * and when the server was last heard.
 */
export function LiveBoardPage() {
  const { id = "" } = useParams();
  const query = useLiveBoard(id);
  return (
    <main className="lb-page" id="main">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <div className="lb-error">
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : (
        <Board id={id} board={query.data} />
      )}
    </main>
  );
}

function Board({ id, board }: { id: string; board: LiveBoard }) {
  const { lang, fmt } = useI18n();
  const { other } = useOtherLanguage();
  const connection = useLiveBoardStream(id);
  return (
    <>
      <header className="lb-header">
        <div className="lb-heading">
          <p className="lb-kicker">
            <BothLanguages k="liveBoard.title" />
          </p>
          <h1 className="lb-title">{board.conference.name[lang]}</h1>
          <p className="lb-title-second" lang={other}>
            {board.conference.name[other]}
          </p>
          <p className="lb-where">
            {board.conference.city} · {fmt.date(board.conference.start_date)}
            {board.conference.end_date !== board.conference.start_date
              ? ` – ${fmt.date(board.conference.end_date)}`
              : ""}
          </p>
        </div>
        <Controls {...connection} />
      </header>
      <LiveTotals board={board} />
      <div className="lb-columns">
        <LatestPledges board={board} />
        <PartnerList board={board} />
      </div>
      <BoardFooter board={board} />
    </>
  );
}

function Controls({ state, lastHeard }: { state: ConnectionState; lastHeard: Date | null }) {
  const { t, lang, setLang, fmt } = useI18n();
  const time = lastHeard
    ? new Intl.DateTimeFormat(fmt.locale, { timeStyle: "medium" }).format(lastHeard)
    : null;
  return (
    <div className="lb-controls">
      <Group gap="xs" justify="flex-end">
        <SegmentedControl
          size="xs"
          aria-label={t("lang.switch")}
          value={lang}
          onChange={(value) => {
            if (isLanguage(value)) setLang(value);
          }}
          data={[
            { value: "es", label: t("lang.es") },
            { value: "en", label: t("lang.en") },
          ]}
        />
        {document.fullscreenEnabled ? (
          <Button
            size="xs"
            variant="white"
            onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
          >
            {t("liveBoard.fullScreen")}
          </Button>
        ) : null}
      </Group>
      <p className={`lb-connection lb-${state}`} role="status" data-state={state}>
        <span className="lb-dot" aria-hidden />
        {t(`liveBoard.state.${state}`)}
      </p>
      <p className="lb-heard" data-testid="live-last-heard">
        {time ? t("liveBoard.lastHeard", { time }) : t("liveBoard.neverHeard")}
      </p>
    </div>
  );
}

function BoardFooter({ board }: { board: LiveBoard }) {
  const { t } = useI18n();
  return (
    <footer className="lb-footer">
      <p>
        {board.illustrative ? <IllustrativeBadge /> : null}{" "}
        {board.sources.length
          ? t("liveBoard.source", { sources: board.sources.join("; ") })
          : t("liveBoard.sourceLedger")}
      </p>
      <p>{t("liveBoard.usdNote")}</p>
    </footer>
  );
}
