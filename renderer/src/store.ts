// Small values the React components render: toggles, filter text and its error, poll settings and
// status, counts, selection size. Rows never live here (see rows/), so a poll re-renders only the
// status bar, not the grid.
import { create } from 'zustand';
import type { PollStatus } from '../../shared/model';
import { defaultSettings } from '../../shared/settings';
import { emptySuspicionCounts, type SuspicionCounts } from './features/rules';
import type { RowCounts } from './rows/row-store';
import type { FilterError, ViewSettings } from './rows/view-filter';

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
  /** The preferences (rules settings) page is open. */
  preferencesOpen: boolean;
  /** Rows that pass the toggles and filter (rows marked removed included while they show). */
  shown: number;
  selectedCount: number;
  /** The last failed call to main, shown in the status bar until the next success. */
  error: string | null;
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
  preferencesOpen: false,
  shown: 0,
  selectedCount: 0,
  error: null,
}));
