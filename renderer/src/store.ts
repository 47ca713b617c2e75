// Small values the React components render: toggles, filter text and its error, poll settings and
// status, counts, selection size, the open view and sheets, and the message line. Rows never live
// here (see rows/), so a poll re-renders only the status bar, not the grid.
import { create } from 'zustand';
import type { PollStatus } from '../../shared/model';
import { defaultSettings, type Settings } from '../../shared/settings';
import { emptySuspicionCounts, type SuspicionCounts } from './features/rules/severity';
import type { RowCounts } from './rows/row-store';
import type { FilterError, ViewSettings } from './rows/view-filter';
import { NO_TRAFFIC, type TrafficSum } from '../../shared/process-totals';

/** The two views over the same rows: one row per connection, or one per process. */
export type ActiveView = 'connections' | 'processes';

export interface Message {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiState {
  /** Settings have been read from main (until then the toolbar shows defaults, disabled). */
  ready: boolean;
  view: ViewSettings;
  filterError: FilterError | null;
  intervalMs: number;
  paused: boolean;
  status: PollStatus | null;
  counts: RowCounts;
  /** Live rows flagged by the suspicion rules, by severity. */
  suspicion: SuspicionCounts;
  /** Traffic of every live row, summed (null parts: no row has that counter). */
  traffic: TrafficSum;
  /** The window's own settings section (theme, close to tray). */
  ui: Settings['ui'];
  activeView: ActiveView;
  /** Processes in the Processes view (counted while it is shown). */
  processCount: number;
  preferencesOpen: boolean;
  /** The colour legend's panel (status bar, or View → Colour Legend). */
  legendOpen: boolean;
  /** Live rows that pass the toggles and filter (rows shown red, already closed, not counted). */
  shown: number;
  selectedCount: number;
  /** The latest error or notice, shown in the status bar for a while (messages.ts). */
  message: Message | null;
}

export const emptyCounts: RowCounts = { total: 0, tcp: 0, udp: 0, ipv4: 0, ipv6: 0, byState: {} };

export const useUiStore = create<UiState>(() => ({
  ready: false,
  view: defaultSettings.view,
  filterError: null,
  intervalMs: defaultSettings.poll.intervalMs,
  paused: defaultSettings.poll.paused,
  status: null,
  counts: emptyCounts,
  suspicion: emptySuspicionCounts,
  traffic: NO_TRAFFIC,
  ui: defaultSettings.ui,
  activeView: 'connections',
  processCount: 0,
  preferencesOpen: false,
  legendOpen: false,
  shown: 0,
  selectedCount: 0,
  message: null,
}));
