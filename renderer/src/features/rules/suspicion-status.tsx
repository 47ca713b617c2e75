// Status-bar item: how many rows are suspicious, by severity, each with its sign.
import { formatCount } from '../../../../shared/units';
import { SEVERITIES_HIGH_FIRST, type SuspicionCounts } from './severity';
import { SeverityMark } from './severity-mark';

export function SuspicionStatus({ counts }: { counts: SuspicionCounts }) {
  if (counts.total === 0) {
    return (
      <span className="status-item" data-status="suspicion">
        Nothing suspicious
      </span>
    );
  }
  return (
    <span className="status-item" data-status="suspicion">
      Suspicious:{' '}
      {SEVERITIES_HIGH_FIRST.filter((severity) => counts[severity] > 0).map((severity, index) => (
        <span key={severity} className={`ps-severity-${severity}`}>
          {index > 0 ? ' · ' : ''}
          <SeverityMark severity={severity} decorative /> {formatCount(counts[severity])} {severity}
        </span>
      ))}
    </span>
  );
}
