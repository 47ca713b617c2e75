// Text of the "Why" column and its tooltip (plain strings: also used by exports and copy).
import type { Suspicion } from '../../../../shared/model';
import { ruleById } from '../../../../shared/rules/engine';
import { SEVERITY_LABEL } from './severity';

/** Tooltip text: each reason, then what its rule means and when it is harmless. */
export function whyTooltipText(suspicion: Suspicion | null): string | null {
  if (!suspicion) return null;
  return suspicion.reasons
    .map((reason) => {
      const rule = ruleById(reason.rule);
      const heading = rule ? `${SEVERITY_LABEL[rule.severity]}: ${rule.title}` : reason.rule;
      return `${heading}\n${reason.message}.${rule ? `\n${rule.explanation}` : ''}`;
    })
    .join('\n\n');
}

/** Cell text: the reasons' messages, most severe verdict first (as the CSV "Why" column). */
export function whyCellText(suspicion: Suspicion | null): string {
  return suspicion ? suspicion.reasons.map((reason) => reason.message).join('; ') : '';
}
