// Two rows. The first: which view (connections or processes), the actions on the selected row
// (TCPView's and CurrPorts' Close, Kill, Whois, Properties, Copy, Export, as buttons, not only
// the right-click menu), and the refresh controls. The second: what the table shows (protocol,
// family and listening toggles, suspicious only), the filter, the columns.
import type { ComponentType } from 'react';
import { runConnectionCommand, type ConnectionCommand } from '../connection-commands';
import { SuspiciousOnlyToggle } from '../features/rules/suspicious-only-toggle';
import {
  CloseConnectionIcon,
  CopyIcon,
  ExportIcon,
  KillIcon,
  PauseIcon,
  PropertiesIcon,
  RefreshIcon,
  ResumeIcon,
  WhoisIcon,
} from '../icons/toolbar-icons';
import { IntervalSelect } from '../interval-select';
import { refreshNow, setPaused, updateView } from '../poll-controls';
import type { ViewSettings } from '../rows/view-filter';
import { useUiStore, type ActiveView } from '../store';
import { showView } from '../views';
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

const ACTIONS: { command: ConnectionCommand; label: string; title: string; icon: ComponentType }[] =
  [
    {
      command: 'close',
      label: 'Close',
      title: 'Close the selected TCP connection (Delete)',
      icon: CloseConnectionIcon,
    },
    { command: 'kill', label: 'Kill', title: 'End the owning process (Ctrl+K)', icon: KillIcon },
    { command: 'whois', label: 'Whois', title: 'Who owns the remote address', icon: WhoisIcon },
    {
      command: 'properties',
      label: 'Properties',
      title: 'Everything about the connection and its process (Enter)',
      icon: PropertiesIcon,
    },
    { command: 'copy', label: 'Copy', title: 'Copy the selected rows (Ctrl+C)', icon: CopyIcon },
    {
      command: 'export',
      label: 'Export…',
      title: 'Save rows to a file (Ctrl+S)',
      icon: ExportIcon,
    },
  ];

const VIEWS: { view: ActiveView; label: string; title: string }[] = [
  { view: 'connections', label: 'Connections', title: 'One row per socket' },
  { view: 'processes', label: 'Processes', title: 'One row per process, with its totals' },
];

export function Toolbar() {
  const view = useUiStore((s) => s.view);
  const paused = useUiStore((s) => s.paused);
  const activeView = useUiStore((s) => s.activeView);
  const selected = useUiStore((s) => s.selectedCount);
  const onConnections = activeView === 'connections';

  return (
    <div className="toolbar" role="toolbar" aria-label="Table controls">
      <div className="toolbar-row">
        <div className="toolbar-group ps-segmented" role="group" aria-label="View">
          {VIEWS.map(({ view: id, label, title }) => (
            <button
              key={id}
              type="button"
              aria-pressed={activeView === id}
              title={title}
              data-view={id}
              onClick={() => showView(id)}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="toolbar-group" role="group" aria-label="Act on the selected row">
          {ACTIONS.map(({ command, label, title, icon: Icon }) => (
            <button
              key={command}
              type="button"
              title={title}
              data-command={command}
              disabled={command !== 'export' && (!onConnections || selected === 0)}
              onClick={() => runConnectionCommand(command)}
            >
              <Icon />
              {label}
            </button>
          ))}
        </div>
        <div className="toolbar-spacer" />
        <div className="toolbar-group" role="group" aria-label="Refresh">
          <label className="interval" title="How often the table is read">
            Every
            <IntervalSelect ariaLabel="Refresh interval" />
          </label>
          <button
            type="button"
            className="ps-pause"
            aria-pressed={paused}
            title={paused ? 'Resume live updates' : 'Pause live updates'}
            data-action="pause"
            onClick={() => setPaused(!paused)}
          >
            {paused ? <ResumeIcon /> : <PauseIcon />}
            {/* Both words take the same cell; the one not in use is hidden, so the button is as
                wide as the longer word either way and the toolbar never shifts. */}
            <span className="ps-pause-labels">
              <span aria-hidden={paused}>Pause</span>
              <span aria-hidden={!paused}>Resume</span>
            </span>
          </button>
          <button type="button" title="Refresh now (F5)" data-action="refresh" onClick={refreshNow}>
            <RefreshIcon />
            Refresh
          </button>
        </div>
      </div>
      {onConnections ? (
        <ConnectionsBar view={view} />
      ) : (
        <div className="toolbar-row toolbar-hint">
          One row per process, over every connection the table holds. Click a process (or press
          Enter on it) to see its connections.
        </div>
      )}
    </div>
  );
}

/** What the connection table shows: toggles, the filter, the columns. */
function ConnectionsBar({ view }: { view: ViewSettings }) {
  return (
    <div className="toolbar-row">
      <div className="toolbar-group" role="group" aria-label="Show">
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
      <FilterBox />
      <ColumnChooser />
    </div>
  );
}
