// A small live chart of send and receive rates over the last minute (drawn as SVG here: two step
// lines need no chart library, and the page's CSP allows no remote or inline script anyway).
import { formatRate } from '../../../shared/units';
import { chartGeometry } from './chart-geometry';
import type { RatePoint } from './rate-history';

const WIDTH = 300;
const HEIGHT = 64;

export function RateChart({
  title,
  points,
  now,
}: {
  title: string;
  points: readonly RatePoint[];
  now: number;
}) {
  const geometry = chartGeometry(points, now, WIDTH, HEIGHT);
  const last = points.at(-1);
  return (
    <figure className="ps-rate-chart" data-chart={title}>
      <figcaption>
        <span>{title}</span>
        {last ? (
          <span className="ps-rate-chart-now">
            <span className="ps-rate-send">↑ {formatRate(last.send)}</span>{' '}
            <span className="ps-rate-receive">↓ {formatRate(last.receive)}</span>
          </span>
        ) : (
          <span className="ps-hint">no rates yet</span>
        )}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`${title}: send and receive rates over the last 60 seconds, up to ${formatRate(geometry.top)}`}
      >
        <path className="ps-chart-grid" d={`M0 ${HEIGHT / 2}H${WIDTH}M0 0.5H${WIDTH}`} />
        <path className="ps-chart-axis" d={`M0 ${HEIGHT - 0.5}H${WIDTH}`} />
        {geometry.receive && <path className="ps-chart-receive" d={geometry.receive} />}
        {geometry.send && <path className="ps-chart-send" d={geometry.send} />}
      </svg>
      <div className="ps-rate-chart-scale">
        <span>60 s ago</span>
        <span>top {formatRate(geometry.top)}</span>
        <span>now</span>
      </div>
    </figure>
  );
}
