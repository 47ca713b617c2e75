// Text of the "Why" column and its tooltip (plain strings: also used by exports and copy).
import type { Severity, Suspicion } from '../../../../shared/model';
import { ruleById } from '../../../../shared/rules/engine';
import { SEVERITY_LABEL } from './severity';

const RANK: Record<Severity, number> = { danger: 0, warning: 1, notice: 2 };

/** The reasons, most severe rule first (the order people should read them in). */
export function reasonsBySeverity(suspicion: Suspicion): Suspicion['reasons'] {
  const rank = (rule: string) => RANK[ruleById(rule)?.severity ?? suspicion.severity];
  return [...suspicion.reasons].sort((a, b) => rank(a.rule) - rank(b.rule));
}

/** Tooltip text: each reason, then what its rule means and when it is harmless. */
export function whyTooltipText(suspicion: Suspicion | null): string | null {
  if (!suspicion) return null;
  return reasonsBySeverity(suspicion)
    .map((reason) => {
      const rule = ruleById(reason.rule);
      const heading = rule ? `${SEVERITY_LABEL[rule.severity]}: ${rule.title}` : reason.rule;
      return `${heading}\n${reason.message}.${rule ? `\n${rule.explanation}` : ''}`;
    })
    .join('\n\n');
}

/** Cell text: the reasons' messages, most severe first (as the CSV "Why" column). */
export function whyCellText(suspicion: Suspicion | null): string {
  return suspicion
    ? reasonsBySeverity(suspicion)
        .map((reason) => reason.message)
        .join('; ')
    : '';
}
