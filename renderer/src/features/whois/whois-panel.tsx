// Right-click → Whois: who holds the remote address. Summary (each value copyable), notes on
// what went wrong on the way, and the raw reply (selectable, with a Copy button).
import { revealControls } from '../../../../shared/visible-text';
import { whoisSummaryLines } from '../../../../shared/whois/format';
import { RevealedText } from '../../text/revealed-text';
import { ModalSheet } from '../../panel/modal-sheet';
import { closeWhois, useWhoisStore } from './whois-store';

function copy(text: string): void {
  void window.portscope.copyText(text).catch(() => navigator.clipboard?.writeText(text));
}

export function WhoisPanel() {
  const state = useWhoisStore();
  if (state.status === 'closed') return null;

  const title = state.address ? `Whois ${state.address}` : 'Whois';
  return (
    <ModalSheet
      title={title}
      onClose={closeWhois}
      className="whois-panel"
      backdropClassName="whois-backdrop"
      closeOnBackdrop
      buttonsClassName="whois-buttons"
      buttons={
        <button type="button" onClick={closeWhois}>
          Close
        </button>
      }
    >
      {state.status === 'loading' && (
        <p className="whois-status" role="status">
          Asking the registry…
        </p>
      )}
      {state.status === 'error' && (
        <p className="whois-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && (
        <>
          <table className="whois-summary">
            <tbody>
              {whoisSummaryLines(state.summary).map(([label, value]) => (
                <tr key={label} data-field={label}>
                  <th>{label}</th>
                  <td>
                    <RevealedText text={value} className="whois-value" />
                    <button type="button" title={`Copy ${label}`} onClick={() => copy(value)}>
                      Copy
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.summary.notes.length > 0 && (
            <ul className="whois-notes">
              {state.summary.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <div className="whois-raw-header">
            <h3>Raw reply{state.summary.truncated ? ' (truncated)' : ''}</h3>
            <button type="button" onClick={() => copy(state.summary.raw)}>
              Copy raw reply
            </button>
          </div>
          <pre className="whois-raw" tabIndex={0} aria-label="Raw reply">
            {revealControls(state.summary.raw, { keepLineBreaks: true, keepTabs: true })}
          </pre>
        </>
      )}
    </ModalSheet>
  );
}
