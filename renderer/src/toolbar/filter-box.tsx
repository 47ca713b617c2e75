// Quick filter: narrows the table as you type. While the text cannot be read, the error shows in
// a bubble under the box (it never pushes the table down), naming only the part it cannot read,
// and the last valid filter keeps applying. Ctrl/Cmd+F comes here; Escape clears the box, and a
// second Escape goes back to the table.
import { useEffect, useRef } from 'react';
import { FILTER_FIELDS } from '../../../shared/filter';
import { focusGrid } from '../grid/keyboard-selection';
import { registerMenuCommand } from '../menu-commands';
import { updateView } from '../poll-controls';
import { useUiStore } from '../store';
import { offendingPart } from './filter-error-text';

const HELP =
  'Plain words match any column. Field terms: ' +
  Object.values(FILTER_FIELDS).join('; ') +
  '. Prefix a term with - to exclude; OR between terms.';

let input: HTMLInputElement | null = null;

/**
 * Ctrl/Cmd+F and Connection → Filter: put the cursor in the box, its text selected (from the
 * Processes view, back to the table first: the filter is the table's).
 */
export function focusFilter(): void {
  if (useUiStore.getState().activeView !== 'connections') {
    useUiStore.setState({ activeView: 'connections' });
    requestAnimationFrame(() => focusFilter());
    return;
  }
  input?.focus();
  input?.select();
}

function onFindKey(event: KeyboardEvent): void {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'f') {
    event.preventDefault();
    focusFilter();
  }
}

/** Ctrl/Cmd+F anywhere in the window, and the menu's Filter item; once at start-up. */
export function installFindKey(): () => void {
  window.addEventListener('keydown', onFindKey);
  const offMenu = registerMenuCommand('find', focusFilter);
  return () => {
    window.removeEventListener('keydown', onFindKey);
    offMenu();
  };
}

export function FilterBox() {
  const filter = useUiStore((s) => s.view.filter);
  const error = useUiStore((s) => s.filterError);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input = ref.current;
    return () => {
      input = null;
    };
  }, []);

  const part = error ? offendingPart(filter, error.position) : '';
  // The message names the value itself ("port: "80x" is not a port"); when it does not, say where.
  const value = part.includes(':') ? part.slice(part.indexOf(':') + 1) : part;
  const where = error && part !== '' && !error.message.includes(value) ? part : '';
  return (
    <div className="filter-box">
      <input
        ref={ref}
        type="search"
        aria-label="Filter"
        aria-invalid={error !== null}
        aria-describedby={error ? 'filter-error' : undefined}
        placeholder="Filter (Ctrl+F): firefox  port:https  state:listen  -proto:udp"
        title={HELP}
        spellCheck={false}
        value={filter}
        onChange={(e) => updateView({ filter: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          if (filter !== '') updateView({ filter: '' });
          else focusGrid();
        }}
      />
      {error && (
        <div id="filter-error" className="filter-error" role="alert">
          {where && (
            <>
              <mark className="filter-error-part">{where}</mark>{' '}
            </>
          )}
          {error.message}
        </div>
      )}
    </div>
  );
}
