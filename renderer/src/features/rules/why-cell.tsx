// The "Why" column: the verdict's reasons in the cell, each rule's explanation in the tooltip.
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Suspicion } from '../../../../shared/model';
import { SEVERITY_LABEL } from './severity';
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
      <span className="ps-why-badge">{SEVERITY_LABEL[suspicion.severity]}</span>{' '}
      {whyCellText(suspicion)}
    </span>
  );
}
