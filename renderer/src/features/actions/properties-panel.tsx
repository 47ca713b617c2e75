// Properties (Enter, double-click, or the context menu): every field of the row and its process,
// each copyable, in a dialog over the table.
import { COLUMNS } from '../../../../shared/columns';
import type { Connection } from '../../../../shared/model';
import { ruleById } from '../../../../shared/rules/engine';
import { callMain } from '../../call-main';
import { ModalSheet } from '../../panel/modal-sheet';
import { closeProperties, useActionsStore } from './actions-store';

/** Label and text of every field, including the ones no column shows. */
export function propertyLines(row: Connection): [string, string][] {
  const lines: [string, string][] = COLUMNS.map((column) => [column.header, column.text(row)]);
  lines.push(['Family', `IPv${row.family}`]);
  lines.push(['Socket Owner UID', row.socketUid === null ? '' : String(row.socketUid)]);
  lines.push(['Executable Deleted', row.processPathDeleted ? 'yes' : 'no']);
  lines.push(['Row Id', row.id]);
  // Each reason with what its rule means and when it is harmless (issue 5), one line each so
  // "Copy All" stays one field per line.
  for (const reason of row.suspicion?.reasons ?? []) {
    const rule = ruleById(reason.rule);
    lines.push([
      `Why: ${rule?.title ?? reason.rule}`,
      rule ? `${reason.message}. ${rule.explanation}` : reason.message,
    ]);
  }
  return lines;
}

function copy(text: string): void {
  void callMain(() => window.portscope.copyText(text));
}

export function PropertiesPanel() {
  const row = useActionsStore((state) => state.properties);
  if (!row) return null;
  const lines = propertyLines(row);
  return (
    <ModalSheet
      title="Properties"
      onClose={closeProperties}
      className="actions-properties"
      backdropClassName="actions-properties-backdrop"
      closeOnBackdrop
      buttonsClassName="actions-properties-buttons"
      buttons={
        <>
          <button
            type="button"
            onClick={() => copy(lines.map(([label, text]) => `${label}\t${text}`).join('\n'))}
          >
            Copy All
          </button>
          <button type="button" onClick={closeProperties} autoFocus>
            Close
          </button>
        </>
      }
    >
      <table>
        <tbody>
          {lines.map(([label, text]) => (
            <tr key={label}>
              <th>{label}</th>
              <td>
                <span className="actions-properties-value">{text}</span>
                {text !== '' && (
                  <button type="button" title={`Copy ${label}`} onClick={() => copy(text)}>
                    Copy
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalSheet>
  );
}
