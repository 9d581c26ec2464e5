import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FeatureCollection, Geometry, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Plugin } from "vite";

/** ISO 3166 numeric (world-atlas ids) → alpha-2, the member states first, then neighbours. */
const MEMBER_STATES: Record<string, string> = {
  "084": "BZ",
  "188": "CR",
  "222": "SV",
  "320": "GT",
  "340": "HN",
  "558": "NI",
  "591": "PA",
  "214": "DO",
};
const NEIGHBOURS: Record<string, string> = {
  "484": "MX",
  "170": "CO",
  "332": "HT",
  "192": "CU",
  "388": "JM",
  "862": "VE",
  "630": "PR",
};

const VIRTUAL_ID = "virtual:central-america-map";

/** Two decimals of a degree (about 1 km) is plenty for a regional map and keeps it small. */
const round = (position: Position): Position => position.map((n) => Math.round(n * 100) / 100);

function roundGeometry(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case "Polygon":
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(round)) };
    case "MultiPolygon":
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(round))),
      };
    default:
      return geometry;
  }
}

/**
 * A virtual module with the shapes of the eight SICA member states and their neighbours,
 * cut at build time from world-atlas (Natural Earth 1:50m) so the map needs no network and
 * the browser never downloads the whole world.
 */
export function centralAmericaMap(): Plugin {
  return {
    name: "esca-central-america-map",
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : null;
    },
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return null;
      const require = createRequire(import.meta.url);
      const path = require.resolve("world-atlas/countries-50m.json");
      const topology = JSON.parse(readFileSync(path, "utf8")) as Topology<{
        countries: GeometryCollection;
      }>;
      const all = feature(topology, topology.objects.countries) as FeatureCollection;
      const wanted = { ...MEMBER_STATES, ...NEIGHBOURS };
      const features = all.features
        .filter((f) => typeof f.id === "string" && f.id in wanted)
        .map((f) => {
          const code = wanted[f.id as string] ?? "";
          return {
            type: "Feature" as const,
            id: code,
            properties: { code, member: code in invert(MEMBER_STATES) },
            geometry: roundGeometry(f.geometry),
          };
        });
      return `export default ${JSON.stringify({ type: "FeatureCollection", features })};`;
    },
  };
}

const invert = (map: Record<string, string>) =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k]));
