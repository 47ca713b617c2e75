// The colour legend: what each row colour and sign means (TCPView's marks, the suspicion
// severities, the selection), from the status bar or View → Colour Legend.
import type { Severity } from '../../../shared/model';
import { SEVERITY_LABEL } from '../features/rules/severity';
import { SeverityMark } from '../features/rules/severity-mark';
import { LegendIcon } from '../icons/toolbar-icons';
import { registerMenuCommand } from '../menu-commands';
import { useUiStore } from '../store';
import { Popover } from '../toolbar/popover';

const MARKS: { swatch: string; label: string; meaning: string }[] = [
  { swatch: 'new', label: 'New', meaning: 'appeared in the last refresh or two' },
  { swatch: 'changed', label: 'Changed', meaning: 'its state or owning process changed' },
  { swatch: 'removed', label: 'Closing', meaning: 'closed; the row leaves in a moment' },
  { swatch: 'selection', label: 'Selected', meaning: 'what the keys and buttons act on' },
];

const SEVERITIES: { severity: Severity; meaning: string }[] = [
  { severity: 'danger', meaning: 'a strong sign of something wrong' },
  { severity: 'warning', meaning: 'unusual; worth a look' },
  { severity: 'notice', meaning: 'worth knowing; often harmless' },
];

export function registerLegendMenuCommand(): () => void {
  return registerMenuCommand('legend', () =>
    useUiStore.setState((state) => ({ legendOpen: !state.legendOpen })),
  );
}

export function LegendButton() {
  const open = useUiStore((s) => s.legendOpen);
  return (
    <Popover
      className="ps-legend"
      title="What the row colours mean"
      panelLabel="Colour legend"
      align="right"
      open={open}
      onOpenChange={(next) => useUiStore.setState({ legendOpen: next })}
      label={
        <>
          <LegendIcon /> Legend
        </>
      }
    >
      <table className="ps-legend-table">
        <tbody>
          {MARKS.map(({ swatch, label, meaning }) => (
            <tr key={swatch} data-legend={swatch}>
              <td>
                <span className={`ps-swatch ps-swatch-${swatch}`} />
              </td>
              <th>{label}</th>
              <td>{meaning}</td>
            </tr>
          ))}
          {SEVERITIES.map(({ severity, meaning }) => (
            <tr key={severity} data-legend={severity}>
              <td>
                <span className={`ps-swatch ps-swatch-${severity}`}>
                  <SeverityMark severity={severity} decorative />
                </span>
              </td>
              <th>{SEVERITY_LABEL[severity]}</th>
              <td>suspicious: {meaning} (the Why column says why)</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Popover>
  );
}
