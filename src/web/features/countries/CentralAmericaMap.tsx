import map from "virtual:central-america-map";
import { Group, Stack, Text } from "@mantine/core";
import { geoMercator, geoPath } from "d3-geo";
import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n.tsx";

const WIDTH = 960;
const HEIGHT = 520;

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

/** Light to dark blue (or orange for a gap, red for violence): shares of the largest value. */
const ramps = {
  blue: ["#dbe9f6", "#1f5fa8", "#0b2545"],
  orange: ["#fde7d6", "#d9622b", "#7a2e0e"],
  red: ["#f9dde5", "#b03a5b", "#5a1228"],
} as const;
export type Ramp = keyof typeof ramps;

function mix(from: string, to: string, share: number): string {
  const channel = (hex: string, index: number) =>
    Number.parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16);
  const parts = [0, 1, 2].map((i) =>
    Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * share),
  );
  return `#${parts.map((p) => p.toString(16).padStart(2, "0")).join("")}`;
}

function colour(ramp: Ramp, share: number): string {
  const [low, mid, high] = ramps[ramp];
  return share <= 0.5 ? mix(low, mid, share * 2) : mix(mid, high, (share - 0.5) * 2);
}

export interface MapValue {
  /** For shading only (a share of the largest value): the text shown is `label`. */
  magnitude: number;
  label: string;
}

/**
 * The eight member states, shaded by one measure, each a link to its country page. Shapes
 * come from world-atlas (Natural Earth) at build time; nothing is fetched.
 */
export function CentralAmericaMap({
  values,
  ramp,
  title,
  legendLow,
  legendHigh,
}: {
  values: Record<string, MapValue | undefined>;
  ramp: Ramp;
  title: string;
  legendLow: string;
  legendHigh: string;
}) {
  const { t, fmt } = useI18n();
  const max = Math.max(0, ...Object.values(values).map((v) => v?.magnitude ?? 0));
  return (
    <Stack gap="xs">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map-svg" aria-label={title}>
        <title>{title}</title>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the links carry the names */}
        <g aria-hidden="true">
          {neighbours.map((f) => (
            <path key={f.properties.code} d={path(f) ?? ""} className="map-neighbour" />
          ))}
        </g>
        {members.map((f) => {
          const code = f.properties.code;
          const value = values[code];
          const share = value && max > 0 ? value.magnitude / max : 0;
          const name = fmt.country(code);
          const label = t("map.countryValue", {
            country: name,
            value: value?.label ?? t("map.noData"),
          });
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
                fill={value ? colour(ramp, share) : "#e2e8f0"}
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
      <Group gap="xs" wrap="nowrap" aria-hidden="true">
        <Text size="xs" c="dimmed">
          {legendLow}
        </Text>
        <div
          className="legend-ramp"
          style={{
            flex: 1,
            maxWidth: 240,
            background: `linear-gradient(90deg, ${ramps[ramp].join(", ")})`,
          }}
        />
        <Text size="xs" c="dimmed">
          {legendHigh}
        </Text>
      </Group>
    </Stack>
  );
}
