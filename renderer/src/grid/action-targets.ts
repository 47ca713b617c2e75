// Which rows a key, a toolbar button or the Connection menu acts on. The keyboard moves focus and
// selection together (keyboard-selection.ts), so usually they are one row; when they differ (a
// Ctrl+click took the focused row out of a selection) the highlighted selection is what the
// person sees marked, and wins. Pure: test/unit/ux-action-targets.test.ts.

export interface Identified {
  id: string;
}

/**
 * The rows to act on: the selection, with the focused row first when it is part of it; the
 * focused row alone when nothing is selected.
 */
export function actionTargets<T extends Identified>(
  focused: T | null,
  selected: readonly T[],
): T[] {
  if (selected.length === 0) return focused ? [focused] : [];
  if (!focused || !selected.some((row) => row.id === focused.id)) return [...selected];
  return [focused, ...selected.filter((row) => row.id !== focused.id)];
}

/** The ids from `anchor` to `focus` inclusive, in display order (Shift+arrow selection). */
export function rangeBetween(
  displayed: readonly string[],
  anchor: string,
  focus: string,
): string[] {
  const from = displayed.indexOf(anchor);
  const to = displayed.indexOf(focus);
  if (to < 0) return [];
  if (from < 0) return [focus];
  return displayed.slice(Math.min(from, to), Math.max(from, to) + 1);
}
