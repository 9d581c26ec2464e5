/// <reference types="vite/client" />

declare module "virtual:central-america-map" {
  import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";

  /** Member states and neighbours cut from world-atlas at build time (see build/). */
  const map: FeatureCollection<Polygon | MultiPolygon, { code: string; member: boolean }>;
  export default map;
}
