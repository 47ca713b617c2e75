// The "suspicious only" toggle: one more external-filter predicate for the grid. Kept in its own
// small store so toggling it re-renders only the toggle and asks the grid to filter again.
import { create } from 'zustand';
import type { Suspicion } from '../../../../shared/model';

interface SuspiciousOnlyState {
  on: boolean;
}

export const useSuspiciousOnly = create<SuspiciousOnlyState>(() => ({ on: false }));

export function setSuspiciousOnly(on: boolean): void {
  useSuspiciousOnly.setState({ on });
}

/** For isExternalFilterPresent: true while the toggle hides clean rows. */
export function suspiciousOnlyActive(): boolean {
  return useSuspiciousOnly.getState().on;
}

/** For doesExternalFilterPass (AND it with the view filter's test). */
export function passesSuspiciousOnly(row: { suspicion: Suspicion | null }): boolean {
  return !useSuspiciousOnly.getState().on || row.suspicion !== null;
}

/** Call `onChange` (e.g. gridApi.onFilterChanged) whenever the toggle flips. */
export function onSuspiciousOnlyChange(onChange: (on: boolean) => void): () => void {
  return useSuspiciousOnly.subscribe((state, previous) => {
    if (state.on !== previous.on) onChange(state.on);
  });
}
