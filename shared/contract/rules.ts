// Channels of the suspicion rules (issue 5): the rule list for the settings page, and the person's
// baseline ("Mark as known" / forget). Rule switches, port lists, the blocklist path and
// notifications are plain settings (the `rules` section, changed with updateSettings).
import { z } from 'zod';
import type { BlocklistProblem } from '../rules/blocklist';
import { knownItemSchema, type RulesSettings } from '../rules/settings-schema';
import type { RuleInfo } from '../rules/types';
import { invoke, noArgs } from './define';

export {
  defaultRulesSettings,
  knownItemSchema,
  rulesSettingsSchema,
  type KnownItem,
  type RulesSettings,
} from '../rules/settings-schema';

/**
 * What to mark as known. A process is named by a row of the current table (main reads that row's
 * executable path and, with by: 'hash', hashes the file itself: the renderer never names a file to
 * read). A stored item (as forgetKnown received it) can be put back as is: that is "undo".
 */
export const markKnownRequestSchema = z.union([
  z
    .object({
      kind: z.literal('process'),
      rowId: z.string().min(1).max(512),
      by: z.enum(['hash', 'path']),
    })
    .strict(),
  knownItemSchema,
]);
export type MarkKnownRequest = z.infer<typeof markKnownRequestSchema>;

export interface BlocklistStatus {
  /** The configured file, or null when none is set. */
  path: string | null;
  /** Addresses and ranges in effect. */
  entries: number;
  /** Lines that could not be read as an address or range (they are skipped). */
  problems: BlocklistProblem[];
  /** Why the file could not be read, in words a person can act on; null when it was read. */
  error: string | null;
  /** When it was last (re)loaded, ms since the epoch. */
  loadedAt: number | null;
}

/** Everything the rules settings page shows, returned by every rules channel. */
export interface RulesInfo {
  rules: RuleInfo[];
  settings: RulesSettings;
  blocklist: BlocklistStatus;
}

export const ruleInvokes = {
  getRulesInfo: invoke<RulesInfo>()(noArgs),
  /** Add to the baseline: the item's rows are judged again at once and no longer flagged. */
  markKnown: invoke<RulesInfo>()(z.tuple([markKnownRequestSchema])),
  /** Remove from the baseline (matched by content, not position). */
  forgetKnown: invoke<RulesInfo>()(z.tuple([knownItemSchema])),
};
