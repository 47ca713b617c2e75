// Where an address is split so its end stays in view when the column is too narrow (the head
// takes the ellipsis): address-cell.tsx draws the two parts.

/** "2001:db8::8a2e:370:7334" → ["2001:db8::8a2e:", "370:7334"]; IPv4 and short text stay whole. */
export function splitForMiddleEllipsis(address: string): [head: string, tail: string] {
  if (!address.includes(':') || address.length <= 12) return [address, ''];
  const cut = address.lastIndexOf(':', address.lastIndexOf(':') - 1);
  return cut <= 0 ? [address, ''] : [address.slice(0, cut + 1), address.slice(cut + 1)];
}
