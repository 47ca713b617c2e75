// The order every CLI command prints and writes rows in (list, export): by protocol, family,
// local port, local address, remote address, remote port, then id, so two runs diff well.
import type { Connection } from '../../shared/model';

// Code-unit order, not localeCompare: the first localeCompare loads ICU's collator (~10 ms of a
// ~100 ms command), and addresses sort the same either way.
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareRows(a: Connection, b: Connection): number {
  return (
    byText(a.protocol, b.protocol) ||
    a.family - b.family ||
    a.localPort - b.localPort ||
    byText(a.localAddress, b.localAddress) ||
    byText(a.remoteAddress ?? '', b.remoteAddress ?? '') ||
    (a.remotePort ?? -1) - (b.remotePort ?? -1) ||
    byText(a.id, b.id)
  );
}
