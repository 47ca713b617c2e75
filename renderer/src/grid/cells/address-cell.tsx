// Address cells: an IPv6 address too long for its column keeps its end in view (the interface
// part that tells two addresses of one network apart) and loses the middle to an ellipsis,
// "2001:db8:85a3:…:370:7334", instead of being cut at the end. The full address is the tooltip.
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { GridRow } from '../../rows/row-store';

/** "2001:db8::8a2e:370:7334" → ["2001:db8::8a2e:", "370:7334"]; IPv4 and short text stay whole. */
export function splitForMiddleEllipsis(address: string): [head: string, tail: string] {
  if (!address.includes(':') || address.length <= 12) return [address, ''];
  const cut = address.lastIndexOf(':', address.lastIndexOf(':') - 1);
  return cut <= 0 ? [address, ''] : [address.slice(0, cut + 1), address.slice(cut + 1)];
}

export function AddressCell(props: CustomCellRendererProps<GridRow, string | null>) {
  const address = props.value ?? '';
  const [head, tail] = splitForMiddleEllipsis(address);
  if (tail === '') return <span>{address}</span>;
  return (
    <span className="ps-middle-ellipsis">
      <span className="ps-middle-ellipsis-head">{head}</span>
      <span className="ps-middle-ellipsis-tail">{tail}</span>
    </span>
  );
}
