// What the tray icon (the menu bar on macOS) shows and offers, decided without Electron so it is
// unit-tested (test/unit/ux-tray-model.test.ts); electron/tray.ts only hands it to Electron's Tray.
// The tooltip and the macOS title carry the suspicious count; the icon turns to its alert form
// when a warning or danger is open (notices alone do not alarm anyone); the menu shows or hides
// the window, pauses, and quits.
import type { Severity, Suspicion } from '../shared/model';

export interface SuspiciousCount {
  danger: number;
  warning: number;
  notice: number;
  total: number;
}

export interface TrayState {
  suspicious: SuspiciousCount;
  paused: boolean;
  windowVisible: boolean;
  platform: NodeJS.Platform;
}

export type TrayCommand = 'toggleWindow' | 'pause' | 'quit';

export type TrayMenuEntry =
  | { kind: 'info'; label: string }
  | { kind: 'separator' }
  | { kind: 'command'; command: TrayCommand; label: string; checked?: boolean };

export interface TrayModel {
  tooltip: string;
  /** Text beside the icon in the macOS menu bar ('' for none); unused elsewhere. */
  title: string;
  icon: 'normal' | 'alert';
  menu: TrayMenuEntry[];
}

/** Live rows flagged, by severity (rows the table holds now). */
export function countSuspicious(rows: Iterable<{ suspicion: Suspicion | null }>): SuspiciousCount {
  const count: SuspiciousCount = { danger: 0, warning: 0, notice: 0, total: 0 };
  for (const row of rows) {
    const severity: Severity | undefined = row.suspicion?.severity;
    if (!severity) continue;
    count[severity] += 1;
    count.total += 1;
  }
  return count;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "3 suspicious connections (1 danger, 2 warning)" or "Nothing suspicious". */
export function suspiciousText(count: SuspiciousCount): string {
  if (count.total === 0) return 'Nothing suspicious';
  const parts = (['danger', 'warning', 'notice'] as const)
    .filter((severity) => count[severity] > 0)
    .map((severity) => `${count[severity].toLocaleString('en-US')} ${severity}`);
  return `${plural(count.total, 'suspicious connection')} (${parts.join(', ')})`;
}

export function trayModel(state: TrayState): TrayModel {
  const { suspicious } = state;
  const alarming = suspicious.danger + suspicious.warning > 0;
  const tooltip = `Portscope: ${suspiciousText(suspicious).replace(/^Nothing/, 'nothing')}${state.paused ? ' · paused' : ''}`;
  return {
    tooltip,
    // The menu bar has little room: the count alone, and only when there is something.
    title: state.platform === 'darwin' && suspicious.total > 0 ? String(suspicious.total) : '',
    icon: alarming ? 'alert' : 'normal',
    menu: [
      { kind: 'info', label: suspiciousText(suspicious) },
      { kind: 'separator' },
      {
        kind: 'command',
        command: 'toggleWindow',
        label: state.windowVisible ? 'Hide Portscope' : 'Show Portscope',
      },
      { kind: 'command', command: 'pause', label: 'Pause Updates', checked: state.paused },
      { kind: 'separator' },
      { kind: 'command', command: 'quit', label: 'Quit Portscope' },
    ],
  };
}

/**
 * Whether closing the window should hide it in the tray instead: only when the person chose so,
 * a tray icon exists to bring it back, and the app is not quitting (Quit must quit).
 */
export function hideOnClose(options: {
  closeToTray: boolean;
  trayShown: boolean;
  quitting: boolean;
}): boolean {
  return options.closeToTray && options.trayShown && !options.quitting;
}
