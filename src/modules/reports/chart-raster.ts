import { deflateSync } from "node:zlib";
import { CHART_COLORS, type ChartSpec } from "./report-charts.ts";

/**
 * A PNG of a chart's bars or lines (no text), for Word versions that cannot show SVG: a
 * Word document must carry a raster fallback beside each SVG image. Drawn here, pixel by
 * pixel, so no browser or native library is needed; the SVG stays the chart readers see.
 */
export function rasterizeChart(spec: ChartSpec, width = 640, height = 320): Buffer {
  const pixels = Buffer.alloc(width * height * 3, 0xff);
  const plot = { left: 60, right: width - 20, top: 40, bottom: height - 50 };
  const values = spec.series.flatMap((s) =>
    (s.values as Array<number | null>).filter((v): v is number => v !== null),
  );
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const y = (value: number) =>
    Math.round(plot.bottom - ((value - min) / (max - min)) * (plot.bottom - plot.top));
  const set = (px: number, py: number, color: number[]) => {
    if (px < 0 || py < 0 || px >= width || py >= height) return;
    pixels.set(color, (py * width + px) * 3);
  };
  const rect = (x0: number, y0: number, x1: number, y1: number, color: number[]) => {
    for (let py = Math.min(y0, y1); py <= Math.max(y0, y1); py++)
      for (let px = x0; px <= x1; px++) set(px, py, color);
  };
  const grey = [0xdb, 0xde, 0xe4];
  for (let i = 0; i <= 4; i++) {
    const gy = Math.round(plot.top + ((plot.bottom - plot.top) * i) / 4);
    rect(plot.left, gy, plot.right, gy, grey);
  }
  const slots = Math.max(spec.categories.length, 1);
  const slot = (plot.right - plot.left) / slots;
  spec.series.forEach((series, index) => {
    const color = rgb(CHART_COLORS[index % CHART_COLORS.length] as string);
    if (spec.kind === "bar") {
      const bar = Math.max(1, Math.floor((slot * 0.7) / spec.series.length));
      series.values.forEach((value, at) => {
        const x0 = Math.round(plot.left + slot * at + slot * 0.15 + bar * index);
        rect(x0, y(0), x0 + bar - 2, y(value ?? 0), color);
      });
    } else {
      let last: [number, number] | null = null;
      series.values.forEach((value, at) => {
        if (value === null) return;
        const point: [number, number] = [Math.round(plot.left + slot * at + slot / 2), y(value)];
        if (last) line(last, point, (px, py) => rect(px, py, px + 1, py + 1, color));
        last = point;
      });
    }
  });
  return encodePng(pixels, width, height);
}

function line(from: [number, number], to: [number, number], plot: (x: number, y: number) => void) {
  const steps = Math.max(Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1]), 1);
  for (let i = 0; i <= steps; i++) {
    plot(
      Math.round(from[0] + ((to[0] - from[0]) * i) / steps),
      Math.round(from[1] + ((to[1] - from[1]) * i) / steps),
    );
  }
}

function rgb(hex: string): number[] {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG: signature, IHDR, one IDAT of filter-0 scanlines, IEND. */
function encodePng(pixels: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let row = 0; row < height; row++) {
    pixels.copy(rows, row * (width * 3 + 1) + 1, row * width * 3, (row + 1) * width * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
