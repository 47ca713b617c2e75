// Why the table shows nothing, in words (grid/empty-table.tsx says it over the empty grid).
import type { ViewSettings } from '../rows/view-filter';

const TOGGLE_NAMES: [keyof Omit<ViewSettings, 'filter'>, string][] = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['ipv4', 'IPv4'],
  ['ipv6', 'IPv6'],
  ['listening', 'listening sockets'],
];

/** "UDP and IPv6 are hidden", or null when every toggle is on. */
export function hiddenByToggles(view: ViewSettings): string | null {
  const off = TOGGLE_NAMES.filter(([key]) => !view[key]).map(([, name]) => name);
  if (off.length === 0) return null;
  const list = off.length === 1 ? off[0] : `${off.slice(0, -1).join(', ')} and ${off.at(-1)}`;
  return `${list} ${off.length === 1 ? 'is' : 'are'} hidden`;
}
