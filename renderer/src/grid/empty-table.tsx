// What the table says when it shows no rows: which filter or toggles hide them all, with a way
// back, instead of the grid's generic "No Matching Rows".
import { formatCount } from '../../../shared/units';
import { setSuspiciousOnly, useSuspiciousOnly } from '../features/rules/suspicious-only';
import { updateView } from '../poll-controls';
import { useUiStore } from '../store';
import { hiddenByToggles } from './empty-reasons';

export function EmptyTable() {
  const shown = useUiStore((s) => s.shown);
  const total = useUiStore((s) => s.counts.total);
  const loaded = useUiStore((s) => s.status !== null);
  const view = useUiStore((s) => s.view);
  const suspiciousOnly = useSuspiciousOnly((s) => s.on);
  if (!loaded || shown > 0) return null;

  if (total === 0) {
    return (
      <div className="ps-empty-table" role="status">
        <p>No connections to show: none have been read yet.</p>
      </div>
    );
  }
  const filter = view.filter.trim();
  const toggles = hiddenByToggles(view);
  const reasons = [
    filter ? `the filter “${filter}”` : null,
    toggles,
    suspiciousOnly ? '“Suspicious only” is on' : null,
  ].filter((reason) => reason !== null);
  const showAll = () => {
    updateView({ tcp: true, udp: true, ipv4: true, ipv6: true, listening: true, filter: '' });
    setSuspiciousOnly(false);
  };
  return (
    <div className="ps-empty-table" role="status" data-empty="filtered">
      <p>
        None of the {formatCount(total)} connections match: {reasons.join('; ')}.
      </p>
      <div className="ps-empty-table-buttons">
        {filter && (
          <button type="button" onClick={() => updateView({ filter: '' })}>
            Clear filter
          </button>
        )}
        {(toggles || suspiciousOnly || !filter) && (
          <button type="button" onClick={showAll}>
            Show everything
          </button>
        )}
      </div>
    </div>
  );
}
