// Toolbar toggle: show only rows a rule flagged.
import { setSuspiciousOnly, useSuspiciousOnly } from './suspicious-only';

export function SuspiciousOnlyToggle() {
  const on = useSuspiciousOnly((s) => s.on);
  return (
    <button
      type="button"
      className="ps-suspicious-toggle"
      aria-pressed={on}
      title="Show only connections a suspicion rule flagged"
      onClick={() => setSuspiciousOnly(!on)}
    >
      Suspicious only
    </button>
  );
}
