// One line, most important first: the message line (the latest error or notice, for a while),
// rows shown, suspicious rows, traffic, the poll, what main says a person should know (missing
// privileges, unreadable lines), totals by protocol and by state; on the right, the colour
// legend. What does not fit is cut at the end, never wrapped: the table's height stays put. Each
// item is a small component: add one by placing it in StatusItems (left) or StatusActions
// (right, buttons).
import type { TcpState } from '../../../shared/model';
import { formatBytes, formatCount, formatRate } from '../../../shared/units';
import { SuspicionStatus } from '../features/rules/suspicion-status';
import { dismissMessage } from '../messages';
import { useUiStore } from '../store';
import { hasTraffic } from '../../../shared/process-totals';
import { LegendButton } from './legend';
import { ShowAllProcesses } from './show-all-processes';
import { shownText } from './status-text';

function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function Protocols() {
  const counts = useUiStore((s) => s.counts);
  return (
    <span className="status-item" data-status="protocols">
      TCP {formatCount(counts.tcp)} · UDP {formatCount(counts.udp)}
    </span>
  );
}

function States() {
  const byState = useUiStore((s) => s.counts.byState);
  const states = (Object.entries(byState) as [TcpState, number][]).sort((a, b) => b[1] - a[1]);
  if (states.length === 0) return null;
  const text = states.map(([state, n]) => `${state} ${formatCount(n)}`).join(' · ');
  return (
    <span className="status-item" data-status="states" title={text}>
      {text}
    </span>
  );
}

function Traffic() {
  const traffic = useUiStore((s) => s.traffic);
  if (!hasTraffic(traffic)) return null;
  const rates =
    traffic.sendRate !== null || traffic.receiveRate !== null
      ? `↑ ${formatRate(traffic.sendRate ?? 0)} ↓ ${formatRate(traffic.receiveRate ?? 0)}`
      : null;
  const totals = `${formatBytes(traffic.bytesSent ?? 0)} sent, ${formatBytes(traffic.bytesReceived ?? 0)} received`;
  return (
    <span
      className="status-item"
      data-status="traffic"
      title="Summed over the connections open now (sent and received since each opened)"
    >
      {rates ? `${rates} · ${totals}` : totals}
    </span>
  );
}

function Shown() {
  const shown = useUiStore((s) => s.shown);
  const total = useUiStore((s) => s.counts.total);
  const selected = useUiStore((s) => s.selectedCount);
  const processes = useUiStore((s) => s.processCount);
  const onProcesses = useUiStore((s) => s.activeView === 'processes');
  return (
    <span className="status-item" data-status="shown">
      {onProcesses
        ? `${formatCount(processes)} processes · ${formatCount(total)} connections`
        : shownText(shown, total, selected)}
    </span>
  );
}

function Poll() {
  const status = useUiStore((s) => s.status);
  if (!status) return null;
  const every = ` · every ${status.intervalMs / 1000} s`;
  if (status.paused) {
    return (
      <span
        className="status-item status-paused"
        data-status="poll"
        title="The table is not updating. F5 reads it once; Resume carries on."
      >
        Paused{status.at !== null ? ` at ${formatTime(status.at)}` : ''} (F5 refreshes once)
        {every}
      </span>
    );
  }
  return (
    <span className="status-item" data-status="poll">
      {status.at !== null
        ? `Last poll ${formatTime(status.at)}` +
          (status.durationMs !== null ? ` in ${formatDuration(status.durationMs)}` : '')
        : 'Waiting for the first poll'}
      {every}
    </span>
  );
}

function Problems() {
  const status = useUiStore((s) => s.status);
  if (!status) return null;
  return (
    <>
      {status.malformedLines > 0 && (
        <span className="status-item status-warning" data-status="malformed">
          {formatCount(status.malformedLines)} unreadable{' '}
          {status.malformedLines === 1 ? 'line' : 'lines'} skipped
        </span>
      )}
      {status.warnings.map((warning) => (
        <span
          key={warning}
          className="status-item status-warning"
          data-status="warning"
          title={warning}
        >
          {warning}
        </span>
      ))}
    </>
  );
}

function MessageLine() {
  const message = useUiStore((s) => s.message);
  if (!message) return null;
  const error = message.kind === 'error';
  return (
    <span
      className={`status-item status-message ${error ? 'status-error' : 'status-info'}`}
      role={error ? 'alert' : 'status'}
      data-status={error ? 'error' : 'message'}
    >
      <span className="status-message-text">{message.text}</span>
      <button
        type="button"
        className="status-message-dismiss"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => dismissMessage(message.id)}
      >
        ×
      </button>
    </span>
  );
}

function StatusItems() {
  const suspicion = useUiStore((s) => s.suspicion);
  return (
    <div className="status-items">
      <MessageLine />
      <Shown />
      <SuspicionStatus counts={suspicion} />
      <Traffic />
      <Poll />
      <Problems />
      <Protocols />
      <States />
    </div>
  );
}

function StatusActions() {
  const privileged = useUiStore((s) => s.status?.privileged ?? true);
  return (
    <div className="status-actions">
      <ShowAllProcesses privileged={privileged} />
      <LegendButton />
    </div>
  );
}

export function StatusBar() {
  return (
    <footer className="status-bar" aria-label="Status">
      <StatusItems />
      <StatusActions />
    </footer>
  );
}
