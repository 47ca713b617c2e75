// Geometry of the rate chart in Properties: two step lines (send, receive) over the last minute,
// scaled to a "nice" top value so the axis label reads 10 KB/s, 2 MB/s … Pure, so the drawing is
// tested without a browser; rate-chart.tsx turns it into SVG.
import { HISTORY_MS, type RatePoint } from './rate-history';

export interface ChartGeometry {
  /** SVG path data ("M0 40H12V31…"), one per direction; '' when there are no points. */
  send: string;
  receive: string;
  /** The rate at the top of the chart, bytes per second. */
  top: number;
}

/** 1, 2 or 5 times a power of ten, at least `value` (and at least 1 KB/s, so idle is flat). */
export function niceTop(value: number): number {
  const floor = 1000;
  if (!(value > floor)) return floor;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function stepPath(
  points: readonly RatePoint[],
  pick: (point: RatePoint) => number,
  x: (at: number) => number,
  y: (rate: number) => number,
  now: number,
): string {
  if (points.length === 0) return '';
  let path = `M${round(x(points[0]!.at))} ${round(y(pick(points[0]!)))}`;
  for (let i = 1; i < points.length; i++) {
    path += `H${round(x(points[i]!.at))}V${round(y(pick(points[i]!)))}`;
  }
  // The last rate holds until now.
  return `${path}H${round(x(now))}`;
}

export function chartGeometry(
  points: readonly RatePoint[],
  now: number,
  width: number,
  height: number,
  windowMs = HISTORY_MS,
): ChartGeometry {
  const top = niceTop(Math.max(0, ...points.map((p) => Math.max(p.send, p.receive))));
  const start = now - windowMs;
  const x = (at: number) => ((Math.max(start, at) - start) / windowMs) * width;
  const y = (rate: number) => height - (Math.min(rate, top) / top) * height;
  return {
    send: stepPath(points, (p) => p.send, x, y, now),
    receive: stepPath(points, (p) => p.receive, x, y, now),
    top,
  };
}
