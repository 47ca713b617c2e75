// Properties (Enter, double-click, the toolbar, the Connection or right-click menu): the
// connection and its process, grouped as a person reads it, live (it follows the row as polls
// update it and says when it has closed), with a chart of the connection's and its process's
// rates over the last minute. Names and paths from outside show hidden characters, marked; each
// value can be copied (the button shows on hover), and so can everything at once.
import { useEffect, useState } from 'react';
import type { Connection } from '../../../../shared/model';
import { callMain } from '../../call-main';
import { requestIcon, useProcessIcon } from '../../icons/process-icons';
import { ModalSheet } from '../../panel/modal-sheet';
import { processKeyOf } from '../../processes/process-summary';
import { getRow, onRowsChanged } from '../../rows/live-table';
import { RevealedText } from '../../text/revealed-text';
import { connectionRates, processRates } from '../../traffic/histories';
import { RateChart } from '../../traffic/rate-chart';
import { closeProperties, useActionsStore } from './actions-store';
import { propertiesText, propertyGroups, type PropertyGroup } from './properties-model';

function copy(text: string): void {
  void callMain(() => window.portscope.copyText(text));
}

/** The row as it is now (polls update it), and whether it has closed since the panel opened. */
function useLiveRow(opened: Connection): { row: Connection; closed: boolean; now: number } {
  // When the rows last changed: the charts end there.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => onRowsChanged(() => setNow(Date.now())), []);
  const current = getRow(opened.id);
  if (!current) return { row: opened, closed: true, now };
  const { mark, ...row } = current;
  return { row, closed: mark === 'removed', now };
}

function Group({ group }: { group: PropertyGroup }) {
  const table = (
    <table className="actions-properties-table">
      <tbody>
        {group.lines.map((line) => (
          <tr key={line.label}>
            <th scope="row">{line.label}</th>
            <td>
              {line.text === '' && line.shown === undefined && (
                <span className="ps-hint" aria-label="empty">
                  —
                </span>
              )}
              {line.outside ? (
                <RevealedText text={line.shown ?? line.text} className="actions-properties-value" />
              ) : (
                <span className="actions-properties-value">{line.shown ?? line.text}</span>
              )}
              {line.text !== '' && (
                <button
                  type="button"
                  className="actions-properties-copy"
                  title={`Copy ${line.label}`}
                  aria-label={`Copy ${line.label}`}
                  onClick={() => copy(line.text)}
                >
                  Copy
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (group.id === 'technical') {
    return (
      <details className="actions-properties-group" data-group={group.id}>
        <summary>{group.title}</summary>
        {table}
      </details>
    );
  }
  return (
    <section className="actions-properties-group" data-group={group.id}>
      <h3>{group.title}</h3>
      {table}
    </section>
  );
}

function Summary({ row, closed }: { row: Connection; closed: boolean }) {
  const icon = useProcessIcon(row);
  useEffect(() => {
    requestIcon(row);
  }, [row]);
  const remote =
    row.remoteAddress === null ? 'listening' : `${row.remoteAddress}:${row.remotePort ?? ''}`;
  return (
    <div className="actions-properties-summary">
      <img src={icon} width={16} height={16} alt="" />
      <RevealedText text={row.processName ?? 'no known process'} className="ps-strong" />
      {row.pid !== null && <span className="ps-hint">pid {row.pid}</span>}
      <span>
        {row.localAddress}:{row.localPort} → {remote}
      </span>
      {row.state && <span className="ps-hint">{row.state}</span>}
      {closed && (
        <span className="actions-properties-closed" role="status">
          closed
        </span>
      )}
    </div>
  );
}

function Charts({ row, now }: { row: Connection; now: number }) {
  if (row.sendRate === null && row.receiveRate === null && row.bytesSent === null) {
    return (
      <p className="ps-hint actions-properties-nocounters">
        The system gives no traffic counters for this socket (UDP on Linux, or a table read without
        them), so there is nothing to chart.
      </p>
    );
  }
  return (
    <div className="actions-properties-charts">
      <RateChart title="This connection" points={connectionRates.pointsOf(row.id, now)} now={now} />
      <RateChart
        title={`${row.processName ?? 'Its process'} (all its connections)`}
        points={processRates.pointsOf(processKeyOf(row), now)}
        now={now}
      />
    </div>
  );
}

function PropertiesContent({ opened }: { opened: Connection }) {
  const { row, closed, now } = useLiveRow(opened);
  const groups = propertyGroups(row);
  return (
    <ModalSheet
      title="Properties"
      onClose={closeProperties}
      className="actions-properties"
      backdropClassName="actions-properties-backdrop"
      closeOnBackdrop
      closeInHeader
      focusSheet
      buttonsClassName="actions-properties-buttons"
      buttons={
        <button type="button" onClick={() => copy(propertiesText(row))}>
          Copy All
        </button>
      }
    >
      <Summary row={row} closed={closed} />
      <div className="actions-properties-scroll">
        {groups.map((group) => (
          <div key={group.id}>
            <Group group={group} />
            {group.id === 'traffic' && <Charts row={row} now={now} />}
          </div>
        ))}
      </div>
    </ModalSheet>
  );
}

export function PropertiesPanel() {
  const opened = useActionsStore((state) => state.properties);
  if (!opened) return null;
  // A new row opens a fresh panel (its own live state).
  return <PropertiesContent key={opened.id} opened={opened} />;
}
