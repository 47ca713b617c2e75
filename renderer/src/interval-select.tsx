// The refresh interval as a select: in the toolbar ("Every") and in Preferences, the same
// choices (shared/model.ts POLL_INTERVALS_MS) and the same store value, so the two always agree.
import { POLL_INTERVALS_MS, type PollIntervalMs } from '../../shared/model';
import { setPollInterval } from './poll-controls';
import { useUiStore } from './store';

export function IntervalSelect({ id, ariaLabel }: { id?: string; ariaLabel?: string }) {
  const intervalMs = useUiStore((s) => s.intervalMs);
  return (
    <select
      id={id}
      aria-label={ariaLabel}
      value={intervalMs}
      onChange={(e) => setPollInterval(Number(e.target.value) as PollIntervalMs)}
    >
      {POLL_INTERVALS_MS.map((ms) => (
        <option key={ms} value={ms}>
          {ms / 1000} s
        </option>
      ))}
    </select>
  );
}
