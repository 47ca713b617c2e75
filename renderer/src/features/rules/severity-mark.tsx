// A severity's sign: a small shape in the severity's strong colour (notice ●, warning ▲, danger
// ◆), so the three differ by shape as well as colour. Its name is in it as text that is not drawn,
// for screen readers and for copy and search of the page. Used in the Why column, the Processes
// view, the status bar, Preferences and the colour legend.
import type { Severity } from '../../../../shared/model';
import { SEVERITY_LABEL } from './severity';

export function SeverityMark(props: {
  severity: Severity;
  className?: string;
  /** The severity's name is written next to it: the sign is decoration only. */
  decorative?: boolean;
}) {
  const { severity } = props;
  const className = `ps-severity-mark ps-severity-mark-${severity} ${props.className ?? ''}`.trim();
  if (props.decorative) return <span className={className} aria-hidden="true" />;
  return (
    <span className={className} title={SEVERITY_LABEL[severity]}>
      <span className="ps-visually-hidden">{SEVERITY_LABEL[severity]}</span>
    </span>
  );
}
