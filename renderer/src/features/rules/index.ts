// The rules feature of the renderer: row tints, the Why cell, the "suspicious only" toggle, the
// status-bar counts and the settings page. Small pieces the grid, toolbar and status bar wire in.
import './rules.css';

export {
  countSuspicion,
  emptySuspicionCounts,
  SEVERITY_LABEL,
  suspicionRowClass,
  suspicionRowClassRules,
  type SuspicionCounts,
} from './severity';
export {
  onSuspiciousOnlyChange,
  passesSuspiciousOnly,
  setSuspiciousOnly,
  suspiciousOnlyActive,
  useSuspiciousOnly,
} from './suspicious-only';
export { SuspiciousOnlyToggle } from './suspicious-only-toggle';
export { WhyCell } from './why-cell';
export { whyCellText, whyTooltipText } from './why-text';
export { SuspicionStatus } from './suspicion-status';
export { RulesSettingsPage } from './rules-settings-page';
export {
  markKnownChoices,
  type MarkKnownChoice,
} from '../../../../shared/rules/mark-known-choices';
