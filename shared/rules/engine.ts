// Judging a row: run every enabled rule for this platform, drop the reasons the person's known
// items silence, and keep the highest severity. Compiled once per settings/facts change, then
// called per row (10,000 rows on a busy machine), so lists become sets up front.
import type { Connection, Severity, Suspicion, SuspicionReason } from '../model';
import { DEFAULT_RULES } from './default-rules';
import { indexKnownItems } from './known-items';
import type { RulesSettings } from './settings-schema';
import type { Rule, RuleEnv, RuleFacts, RuleInfo, RulePlatform } from './types';

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, danger: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function isRuleEnabled(settings: RulesSettings, ruleId: string): boolean {
  return settings.enabled[ruleId] ?? true;
}

export interface JudgeOptions {
  settings: RulesSettings;
  facts: RuleFacts;
  platform: RulePlatform;
  rules?: readonly Rule[];
}

export type Judge = (row: Connection) => Suspicion | null;

export function createJudge({
  settings,
  facts,
  platform,
  rules = DEFAULT_RULES,
}: JudgeOptions): Judge {
  const active = rules.filter(
    (rule) => rule.platforms.includes(platform) && isRuleEnabled(settings, rule.id),
  );
  const env: RuleEnv = {
    settings,
    facts,
    backdoorPorts: new Set(settings.backdoorPorts),
    expectedListenerPorts: new Set(settings.expectedListenerPorts),
  };
  const known = indexKnownItems(settings.known);
  return (row) => {
    const reasons: SuspicionReason[] = [];
    let severity: Severity | null = null;
    let knownKinds: ReadonlySet<string> | null = null;
    for (const rule of active) {
      const message = rule.check(row, env);
      if (message === null) continue;
      // Known items are looked up only for rows something flagged: most rows are clean.
      if (known.size > 0) {
        knownKinds ??= known.matches(row, facts);
        if (rule.knownKinds.some((kind) => knownKinds?.has(kind))) continue;
      }
      reasons.push({ rule: rule.id, message });
      if (severity === null || SEVERITY_RANK[rule.severity] > SEVERITY_RANK[severity]) {
        severity = rule.severity;
      }
    }
    return severity === null ? null : { severity, reasons };
  };
}

/** The rules for the settings page and `getRulesInfo`, in display order. */
export function describeRules(
  settings: RulesSettings,
  platform: RulePlatform,
  rules: readonly Rule[] = DEFAULT_RULES,
): RuleInfo[] {
  return rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    title: rule.title,
    explanation: rule.explanation,
    enabled: isRuleEnabled(settings, rule.id),
    appliesHere: rule.platforms.includes(platform),
    knownKinds: [...rule.knownKinds],
  }));
}

/** Explanation of a rule by id (tooltips); undefined for a rule this version does not know. */
export function ruleById(id: string, rules: readonly Rule[] = DEFAULT_RULES): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
