// Quick filter: narrows the table as you type. While the text cannot be read, the error shows
// under the box (with the offending part underlined) and the last valid filter keeps applying.
import { FILTER_FIELDS } from '../../../shared/filter';
import { updateView } from '../poll-controls';
import { useUiStore } from '../store';

const HELP =
  'Plain words match any column. Field terms: ' +
  Object.values(FILTER_FIELDS).join('; ') +
  '. Prefix a term with - to exclude.';

export function FilterBox() {
  const filter = useUiStore((s) => s.view.filter);
  const error = useUiStore((s) => s.filterError);

  return (
    <div className="filter-box">
      <input
        type="search"
        aria-label="Filter"
        aria-invalid={error !== null}
        aria-describedby={error ? 'filter-error' : undefined}
        placeholder="Filter: firefox  port:443  state:listen  -proto:udp"
        title={HELP}
        spellCheck={false}
        value={filter}
        onChange={(e) => updateView({ filter: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape') updateView({ filter: '' });
        }}
      />
      {error && (
        <div id="filter-error" className="filter-error" role="alert">
          {error.message}
          {filter.length > 0 && (
            <span className="filter-error-where">
              {' '}
              at “{filter.slice(0, error.position)}
              <mark>{filter.slice(error.position) || ' '}</mark>”
            </span>
          )}
        </div>
      )}
    </div>
  );
}
