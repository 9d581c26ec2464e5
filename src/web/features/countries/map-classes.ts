/**
 * The map's classes: zero apart (its own hatch, never a shade of the ramp, which would read
 * as the sea), then equal steps from zero to the largest value, each a colour of the ramp
 * starting well above its lightest (the sea's) tone. Pure, so a test reads the bounds.
 */

/** Light to dark blue (or orange for a gap, red for violence). */
export const ramps = {
  blue: ["#dbe9f6", "#1f5fa8", "#0b2545"],
  orange: ["#fde7d6", "#d9622b", "#7a2e0e"],
  red: ["#f9dde5", "#b03a5b", "#5a1228"],
} as const;
export type Ramp = keyof typeof ramps;

/** How many classes the values above zero fall in. */
export const CLASS_COUNT = 4;
/** Where on the ramp (0 lightest, 1 darkest) each class's colour sits. */
const CLASS_SHARES = [0.3, 0.55, 0.78, 1] as const;

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

export interface MapClass {
  /** Exclusive lower bound (0 for the first class), inclusive upper bound. */
  from: number;
  to: number;
  fill: string;
}

/**
 * Equal steps over (0, largest]; none when no value is above zero. E.g. a largest value of
 * 8 000 000 gives (0, 2 M], (2 M, 4 M], (4 M, 6 M], (6 M, 8 M].
 */
export function mapClasses(magnitudes: number[], ramp: Ramp): MapClass[] {
  const max = Math.max(0, ...magnitudes);
  if (max <= 0) return [];
  return CLASS_SHARES.map((share, index) => ({
    from: (max * index) / CLASS_COUNT,
    to: (max * (index + 1)) / CLASS_COUNT,
    fill: colour(ramp, share),
  }));
}

/** The class a value above zero falls in (the last one for the largest). */
export function classOf(classes: MapClass[], magnitude: number): MapClass | undefined {
  return classes.find((c) => magnitude <= c.to) ?? classes.at(-1);
}
