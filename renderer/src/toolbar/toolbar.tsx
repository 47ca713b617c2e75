// TCPView's toolbar: protocol/family/listening toggles, refresh speed, pause, refresh, quick filter.
import { SuspiciousOnlyToggle } from '../features/rules';
import { POLL_INTERVALS_MS, type PollIntervalMs } from '../../../shared/model';
import { refreshNow, setPaused, setPollInterval, updateView } from '../poll-controls';
import type { ViewSettings } from '../rows/view-filter';
import { useUiStore } from '../store';
import { ColumnChooser } from './column-chooser';
import { FilterBox } from './filter-box';

type ToggleKey = Exclude<keyof ViewSettings, 'filter'>;

const TOGGLES: { key: ToggleKey; label: string; title: string }[] = [
  { key: 'tcp', label: 'TCP', title: 'Show TCP sockets' },
  { key: 'udp', label: 'UDP', title: 'Show UDP sockets' },
  { key: 'ipv4', label: 'IPv4', title: 'Show IPv4 sockets' },
  { key: 'ipv6', label: 'IPv6', title: 'Show IPv6 sockets' },
  {
    key: 'listening',
    label: 'Listening',
    title: 'Show listening sockets and UDP sockets without a peer (unconnected endpoints)',
  },
];

function intervalLabel(ms: number): string {
  return `${ms / 1000} s`;
}

export function Toolbar() {
  const view = useUiStore((s) => s.view);
  const intervalMs = useUiStore((s) => s.intervalMs);
  const paused = useUiStore((s) => s.paused);

  return (
    <div className="toolbar" role="toolbar" aria-label="Table controls">
      <div className="toolbar-group" aria-label="Show">
        {TOGGLES.map(({ key, label, title }) => (
          <button
            key={key}
            type="button"
            className="toggle"
            aria-pressed={view[key]}
            title={title}
            data-toggle={key}
            onClick={() => updateView({ [key]: !view[key] })}
          >
            {label}
          </button>
        ))}
        <SuspiciousOnlyToggle />
      </div>
      <div className="toolbar-group">
        <label className="interval" title="How often the table is read">
          Every
          <select
            aria-label="Refresh interval"
            value={intervalMs}
            onChange={(e) => setPollInterval(Number(e.target.value) as PollIntervalMs)}
          >
            {POLL_INTERVALS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {intervalLabel(ms)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="toggle"
          aria-pressed={paused}
          title={paused ? 'Resume live updates' : 'Pause live updates'}
          data-action="pause"
          onClick={() => setPaused(!paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" title="Refresh now (F5)" data-action="refresh" onClick={refreshNow}>
          Refresh
        </button>
      </div>
      <FilterBox />
      <ColumnChooser />
    </div>
  );
}
