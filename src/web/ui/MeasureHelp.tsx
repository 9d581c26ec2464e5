import { useI18n } from "../i18n/i18n.tsx";
import { LazyTooltip } from "./LazyTooltip.tsx";

/**
 * A help icon beside a figure or a column heading: its definition (docs/MEASURES.md, from
 * the catalogs) on hover or focus. The button's name says which measure it explains, and
 * the definition is its description, so that a screen reader reads both.
 */
export function MeasureHelp({ measure, definition }: { measure: string; definition: string }) {
  const { t } = useI18n();
  return (
    <LazyTooltip
      label={definition}
      multiline
      w={300}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <button
        type="button"
        className="measure-help"
        aria-label={t("measure.definitionOf", { measure })}
        aria-description={definition}
        data-definition={definition}
      >
        <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <rect x="7.25" y="7" width="1.5" height="5" rx="0.5" fill="currentColor" />
          <circle cx="8" cy="4.75" r="1" fill="currentColor" />
        </svg>
      </button>
    </LazyTooltip>
  );
}
