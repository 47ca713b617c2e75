// The Process column: the program's icon and name, or what is known when no process is (a muted
// placeholder that says why, instead of a blank that looks broken).
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useEffect } from 'react';
import { requestIcon, useProcessIcon } from '../../icons/process-icons';
import type { GridRow } from '../../rows/row-store';
import { useUiStore } from '../../store';
import { RevealedText } from '../../text/revealed-text';
import { ownerPlaceholder } from '../owner-text';

export function ProcessCell(props: CustomCellRendererProps<GridRow>) {
  const row = props.data;
  const privileged = useUiStore((state) => state.status?.privileged ?? false);
  const icon = useProcessIcon(row);
  const pid = row?.pid ?? null;
  const path = row?.processPath ?? null;
  const deleted = row?.processPathDeleted ?? false;
  useEffect(() => {
    requestIcon({ pid, processPath: path, processPathDeleted: deleted });
  }, [pid, path, deleted]);
  if (!row) return null;
  if (row.processName === null) {
    const placeholder = ownerPlaceholder(row, privileged);
    return (
      <span className="ps-owner-placeholder" title={placeholder?.explanation}>
        {placeholder?.text ?? ''}
      </span>
    );
  }
  return (
    <span className="ps-process-cell">
      <img className="ps-process-icon" src={icon} width={16} height={16} alt="" />
      <RevealedText text={row.processName} className="ps-process-name" />
    </span>
  );
}
