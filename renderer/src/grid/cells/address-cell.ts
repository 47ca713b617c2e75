// Address cells: an IPv6 address too long for its column keeps its end in view (the interface
// part that tells two addresses of one network apart) and loses the middle to an ellipsis,
// "2001:db8:85a3:…:370:7334", instead of being cut at the end. The full address is the tooltip.
// A plain DOM cell renderer, not a React component: two of these are drawn per row, and a poll
// redraws the rows it changed; plain elements cost a fraction of a React root each time.
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import type { GridRow } from '../../rows/row-store';
import { splitForMiddleEllipsis } from './middle-ellipsis';

export class AddressCell implements ICellRendererComp<GridRow> {
  private readonly gui = document.createElement('span');
  private readonly head = document.createElement('span');
  private readonly tail = document.createElement('span');

  init(params: ICellRendererParams<GridRow, string | null>): void {
    this.head.className = 'ps-middle-ellipsis-head';
    this.tail.className = 'ps-middle-ellipsis-tail';
    this.gui.append(this.head, this.tail);
    this.show(params.value ?? '');
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams<GridRow, string | null>): boolean {
    this.show(params.value ?? '');
    return true;
  }

  private show(address: string): void {
    const [head, tail] = splitForMiddleEllipsis(address);
    this.gui.className = tail === '' ? '' : 'ps-middle-ellipsis';
    this.head.textContent = head;
    this.tail.textContent = tail;
  }
}
