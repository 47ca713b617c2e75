// Totals by protocol and state, rows shown, last poll time and duration, and whatever main says a
// person should know (missing privileges, unreadable lines, a failed call).
import type { TcpState } from '../../../shared/model';
import { SuspicionStatus } from '../features/rules';
import { useUiStore } from '../store';
import { ShowAllProcesses } from './show-all-processes';

function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function StatusBar() {
  const counts = useUiStore((s) => s.counts);
  const shown = useUiStore((s) => s.shown);
  const selected = useUiStore((s) => s.selectedCount);
  const status = useUiStore((s) => s.status);
  const error = useUiStore((s) => s.error);
  const suspicion = useUiStore((s) => s.suspicion);

  const states = (Object.entries(counts.byState) as [TcpState, number][]).sort(
    (a, b) => b[1] - a[1],
  );

  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-item" data-status="protocols">
        TCP {counts.tcp} · UDP {counts.udp}
      </span>
      {states.length > 0 && (
        <span className="status-item" data-status="states">
          {states.map(([state, n]) => `${state} ${n}`).join(' · ')}
        </span>
      )}
      <SuspicionStatus counts={suspicion} />
      <span className="status-item" data-status="shown">
        Showing {shown} of {counts.total}
        {selected > 0 ? ` · ${selected} selected` : ''}
      </span>
      {status && (
        <span className="status-item" data-status="poll">
          {status.paused
            ? 'Paused'
            : status.at !== null
              ? `Last poll ${formatTime(status.at)}` +
                (status.durationMs !== null ? ` in ${formatDuration(status.durationMs)}` : '')
              : 'Waiting for the first poll'}
          {` · every ${status.intervalMs / 1000} s`}
        </span>
      )}
      {status && status.malformedLines > 0 && (
        <span className="status-item status-warning" data-status="malformed">
          {status.malformedLines} unreadable {status.malformedLines === 1 ? 'line' : 'lines'}{' '}
          skipped
        </span>
      )}
      {status?.warnings.map((warning) => (
        <span key={warning} className="status-item status-warning" data-status="warning">
          {warning}
        </span>
      ))}
      <ShowAllProcesses privileged={status?.privileged ?? true} />
      {error && (
        <span className="status-item status-error" role="alert" data-status="error">
          {error}
        </span>
      )}
    </footer>
  );
}
