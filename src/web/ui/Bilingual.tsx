import { Badge } from "@mantine/core";
import { useCallback } from "react";
import type { Names } from "../../contracts/shapes.ts";
import { type Language, useI18n } from "../i18n/i18n.tsx";
import { LazyTooltip } from "./LazyTooltip.tsx";

export interface PickedText {
  text: string;
  /** The language actually shown when it is not the chosen one (a fallback). */
  fallbackFrom: Language | null;
}

export function pickText(names: Names | null | undefined, lang: Language): PickedText {
  const other: Language = lang === "es" ? "en" : "es";
  const chosen = names?.[lang];
  if (chosen) return { text: chosen, fallbackFrom: null };
  const fallback = names?.[other];
  return fallback ? { text: fallback, fallbackFrom: other } : { text: "", fallbackFrom: null };
}

/** Plain text in the chosen language (or the other one): for exports, titles, chart labels. */
export function usePick() {
  const { lang } = useI18n();
  return useCallback((names: Names | null | undefined) => pickText(names, lang).text, [lang]);
}

/**
 * Bilingual content in the chosen language; when only the other language exists it is
 * shown in that language, marked with its code so nobody mistakes it for a translation.
 */
export function BilingualText({ value }: { value: Names | null | undefined }) {
  const { lang, t } = useI18n();
  const picked = pickText(value, lang);
  if (!picked.fallbackFrom) return <>{picked.text}</>;
  const note = t(
    picked.fallbackFrom === "en" ? "fallback.shownInEnglish" : "fallback.shownInSpanish",
  );
  return (
    <>
      <span lang={picked.fallbackFrom}>{picked.text}</span>{" "}
      <LazyTooltip label={note}>
        <Badge
          size="xs"
          variant="outline"
          color="gray.6"
          c="#3d4652"
          aria-label={note}
          tabIndex={0}
          data-fallback={picked.fallbackFrom}
        >
          {picked.fallbackFrom.toUpperCase()}
        </Badge>
      </LazyTooltip>
    </>
  );
}
