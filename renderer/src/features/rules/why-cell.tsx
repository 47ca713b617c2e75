// The "Why" column: the verdict's sign and its reasons in the cell, each rule's explanation in
// the tooltip (most severe first).
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Suspicion } from '../../../../shared/model';
import { SeverityMark } from './severity-mark';
import { whyCellText } from './why-text';

/** AG Grid cell renderer for the suspicion column (colDef.cellRenderer = WhyCell). */
export function WhyCell(props: CustomCellRendererProps<{ suspicion: Suspicion | null }>) {
  const suspicion = props.data?.suspicion ?? null;
  if (!suspicion) return null;
  return (
    <span
      className={`ps-why ps-why-${suspicion.severity}`}
      data-rules={suspicion.reasons.map((r) => r.rule).join(' ')}
    >
      <SeverityMark severity={suspicion.severity} className="ps-why-badge" />{' '}
      <span className="ps-why-text">{whyCellText(suspicion)}</span>
    </span>
  );
}
