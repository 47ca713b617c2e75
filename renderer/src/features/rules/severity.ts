// Severity in the table: row tint classes (rules.css, light and dark), labels, and counts for the
// status bar. Works on any row type that carries Connection.suspicion (the grid's rows do).
import type { RowClassRules } from 'ag-grid-community';
import type { Severity, Suspicion } from '../../../../shared/model';

export const SEVERITIES_HIGH_FIRST: readonly Severity[] = ['danger', 'warning', 'notice'];

export const SEVERITY_LABEL: Record<Severity, string> = {
  danger: 'Danger',
  warning: 'Warning',
  notice: 'Notice',
};

interface WithSuspicion {
  suspicion: Suspicion | null;
}

/** Row class for a verdict: "ps-suspicion-danger" …, or undefined for a clean row. */
export function suspicionRowClass(row: WithSuspicion | undefined): string | undefined {
  const severity = row?.suspicion?.severity;
  return severity ? `ps-suspicion-${severity}` : undefined;
}

/** Spread into the grid's rowClassRules next to the new/changed/removed marks. */
export function suspicionRowClassRules<T extends WithSuspicion>(): RowClassRules<T> {
  return {
    'ps-suspicion-notice': (p) => p.data?.suspicion?.severity === 'notice',
    'ps-suspicion-warning': (p) => p.data?.suspicion?.severity === 'warning',
    'ps-suspicion-danger': (p) => p.data?.suspicion?.severity === 'danger',
  };
}

export type SuspicionCounts = Record<Severity, number> & { total: number };

export const emptySuspicionCounts: SuspicionCounts = { danger: 0, warning: 0, notice: 0, total: 0 };

/** Suspicious rows by their (highest) severity. */
export function countSuspicion(rows: Iterable<WithSuspicion>): SuspicionCounts {
  const counts = { ...emptySuspicionCounts };
  for (const row of rows) {
    const severity = row.suspicion?.severity;
    if (!severity) continue;
    counts[severity] += 1;
    counts.total += 1;
  }
  return counts;
}
