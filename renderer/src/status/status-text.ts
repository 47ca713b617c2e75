// The status bar's counts as text, with thousands separators the same in every locale.
import { formatCount } from '../../../shared/units';

/** "Showing 1,234 of 10,000 · 2 selected" */
export function shownText(shown: number, total: number, selected: number): string {
  const base = `Showing ${formatCount(shown)} of ${formatCount(total)}`;
  return selected > 0 ? `${base} · ${formatCount(selected)} selected` : base;
}
