import { useQuery } from "@tanstack/react-query";
import { type Language, loadCatalog, type MessageKey, useI18n } from "../../i18n/i18n.tsx";

/**
 * The board speaks both languages at once (a projector in a room of Spanish and English
 * speakers): each label in the chosen language, and beneath it in the other, whose catalog is
 * loaded beside the chosen one.
 */
export function useOtherLanguage(): { other: Language; t2: (key: MessageKey) => string } {
  const { lang } = useI18n();
  const other: Language = lang === "es" ? "en" : "es";
  const catalog = useQuery({
    queryKey: ["catalog", other],
    queryFn: () => loadCatalog(other),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { other, t2: (key) => catalog.data?.[key] ?? "" };
}

/** A label in both languages: the chosen one, then the other, smaller. */
export function BothLanguages({ k }: { k: MessageKey }) {
  const { t } = useI18n();
  const { other, t2 } = useOtherLanguage();
  const second = t2(k);
  return (
    <>
      <span className="lb-first">{t(k)}</span>
      {second ? (
        <span className="lb-second" lang={other}>
          {second}
        </span>
      ) : null}
    </>
  );
}
