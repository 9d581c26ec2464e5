import map from "virtual:central-america-map";
import { Group, Stack, Text } from "@mantine/core";
import { geoMercator, geoPath } from "d3-geo";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";
import { classOf, type MapClass, mapClasses, type Ramp } from "./map-classes.ts";

export type { Ramp } from "./map-classes.ts";

const WIDTH = 960;
const HEIGHT = 520;
/** No data: a flat grey, apart from the sea's blue and from zero's hatch. */
const NO_DATA_FILL = "#c4ccd6";
const ZERO_PATTERN = "map-zero-hatch";
const ZERO_FILL = `url(#${ZERO_PATTERN})`;

const members = map.features.filter((f) => f.properties.member);
const neighbours = map.features.filter((f) => !f.properties.member);
const projection = geoMercator().fitExtent(
  [
    [24, 24],
    [WIDTH - 24, HEIGHT - 24],
  ],
  { type: "FeatureCollection", features: members },
);
const path = geoPath(projection);

export interface MapValue {
  /** For the class only: the text shown is `label`. */
  magnitude: number;
  label: string;
}

/** Zero's hatch: white and grey stripes, in the map and in its legend. */
function ZeroHatch({ id }: { id: string }) {
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill="#f4f1ea" />
      <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#8a8172" strokeWidth="1.6" />
    </pattern>
  );
}

function fillOf(value: MapValue | undefined, classes: MapClass[]): string {
  if (!value) return NO_DATA_FILL;
  if (value.magnitude === 0) return ZERO_FILL;
  return classOf(classes, value.magnitude)?.fill ?? NO_DATA_FILL;
}

/**
 * The eight member states, shaded by one measure, each a link to its country page: zero has
 * its own hatch, the values above it fall in equal classes whose bounds the legend states in
 * the measure's unit. Shapes come from world-atlas (Natural Earth) at build time; nothing is
 * fetched.
 */
export function CentralAmericaMap({
  values,
  ramp,
  title,
  unit,
  formatBound,
}: {
  values: Record<string, MapValue | undefined>;
  ramp: Ramp;
  title: string;
  /** The measure's unit, named in the legend's heading. */
  unit: string;
  /** A class bound as the legend shows it (with its unit, as the values are shown). */
  formatBound: (value: number) => string;
}) {
  const { t, fmt } = useI18n();
  const shown = Object.values(values).filter((v): v is MapValue => v !== undefined);
  const classes = mapClasses(
    shown.map((v) => v.magnitude),
    ramp,
  );
  const hasZero = shown.some((v) => v.magnitude === 0);
  const hasNoData = shown.length < members.length;
  return (
    <Stack gap="xs">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map-svg" aria-label={title}>
        <title>{title}</title>
        <defs>
          <ZeroHatch id={ZERO_PATTERN} />
        </defs>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the links carry the names */}
        <g aria-hidden="true">
          {neighbours.map((f) => (
            <path key={f.properties.code} d={path(f) ?? ""} className="map-neighbour" />
          ))}
        </g>
        {members.map((f) => {
          const code = f.properties.code;
          const value = values[code];
          const name = fmt.country(code);
          const label = t("map.countryValue", {
            country: name,
            value: value?.label ?? t("map.noData"),
          });
          const fill = fillOf(value, classes);
          return (
            <Link
              key={code}
              to={`/countries/${code}`}
              className="map-link"
              aria-label={label}
              data-country={code}
            >
              <path
                d={path(f) ?? ""}
                className="map-country"
                fill={fill}
                data-class={fill === ZERO_FILL ? "zero" : fill === NO_DATA_FILL ? "none" : fill}
              >
                <title>{label}</title>
              </path>
            </Link>
          );
        })}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the links carry the names */}
        <g aria-hidden="true">
          {members.map((f) => {
            const [x, y] = path.centroid(f);
            const code = f.properties.code;
            const offset = code === "SV" ? 14 : code === "CR" ? -6 : 0;
            return (
              <text key={code} x={x} y={y + offset} textAnchor="middle" className="map-label">
                {fmt.country(code)}
              </text>
            );
          })}
        </g>
      </svg>
      <Stack gap={4} data-testid="map-legend">
        <Text size="xs" fw={600} id="map-legend-title">
          {t("map.legendTitle", { unit })}
        </Text>
        <Group gap="md" component="ul" className="map-legend" aria-labelledby="map-legend-title">
          {hasZero ? (
            <LegendEntry swatch={ZERO_FILL} label={formatBound(0)} zero testId="zero" />
          ) : null}
          {classes.map((c, index) => (
            <LegendEntry
              key={c.fill}
              swatch={c.fill}
              label={
                index === 0
                  ? t("map.legendUpTo", { to: formatBound(c.to) })
                  : t("map.legendRange", { from: formatBound(c.from), to: formatBound(c.to) })
              }
              testId={`class-${index}`}
            />
          ))}
          {hasNoData ? (
            <LegendEntry swatch={NO_DATA_FILL} label={t("map.noDataLegend")} testId="none" />
          ) : null}
        </Group>
      </Stack>
    </Stack>
  );
}

function LegendEntry({
  swatch,
  label,
  zero,
  testId,
}: {
  swatch: string;
  label: string;
  zero?: boolean;
  testId: string;
}) {
  return (
    <Group gap={6} wrap="nowrap" component="li" data-legend={testId}>
      <svg width="18" height="12" aria-hidden="true" className="map-swatch">
        {zero ? (
          <defs>
            <ZeroHatch id={`${ZERO_PATTERN}-legend`} />
          </defs>
        ) : null}
        <rect
          width="18"
          height="12"
          rx="2"
          fill={zero ? `url(#${ZERO_PATTERN}-legend)` : swatch}
          stroke="#94a3b8"
        />
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
}
