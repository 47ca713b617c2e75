// Address cells: an IPv6 address too long for its column keeps its end in view (the interface
// part that tells two addresses of one network apart) and loses the middle to an ellipsis,
// "2001:db8:85a3:…:370:7334", instead of being cut at the end. The full address is the tooltip.
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { GridRow } from '../../rows/row-store';
import { splitForMiddleEllipsis } from './middle-ellipsis';

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
