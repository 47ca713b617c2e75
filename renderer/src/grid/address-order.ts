// Sorting addresses as addresses: 10.0.0.9 before 10.0.0.10, every IPv4 before every IPv6, empty
// (no remote) last. Each distinct address is turned into a sort key once; a table has far fewer
// distinct addresses than rows, and the sort compares keys O(n log n) times.

const keys = new Map<string, string>();
const MAX_CACHED = 50_000;

/** "10.0.0.9" -> "4 010000000009", "::1" -> "6 0000…0001"; text that is neither sorts as text. */
export function addressSortKey(address: string): string {
  let key = keys.get(address);
  if (key === undefined) {
    key = computeKey(address);
    if (keys.size >= MAX_CACHED) keys.clear();
    keys.set(address, key);
  }
  return key;
}

function computeKey(address: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4)
    return `4 ${v4
      .slice(1)
      .map((octet) => octet.padStart(3, '0'))
      .join('')}`;
  if (address.includes(':')) {
    const groups = expandIpv6(address.split('%')[0]);
    if (groups) return `6 ${groups.map((g) => g.padStart(4, '0')).join('')}`;
  }
  return `9 ${address}`;
}

/** "2001:db8::1" -> eight hex groups; null when it is not IPv6 text. */
function expandIpv6(text: string): string[] | null {
  const halves = text.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  // An embedded IPv4 tail ("::ffff:1.2.3.4") stands for two groups.
  const last = tail.length > 0 ? tail : head;
  const v4 = last.length > 0 ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(last[last.length - 1]) : null;
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    last.splice(last.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups : null;
}

/** AG Grid comparator: nulls (no remote address) after every address in ascending order. */
export function compareAddresses(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const ka = addressSortKey(a);
  const kb = addressSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Numbers ascending, nulls last (AG Grid's default puts them first). */
export function compareNullableNumbers(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
