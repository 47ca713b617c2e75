// The shape of a suspicion rule and of what it may look at. Rules are pure: everything that needs
// the OS (is this directory world-writable? what is this file's hash? are we root?) is answered by
// main ahead of time and handed over as facts.
import type { Connection, Severity } from '../model';
import type { Blocklist } from './blocklist';
import type { KnownItemKind, RulesSettings } from './settings-schema';

export type RulePlatform = 'linux' | 'win32' | 'darwin';

/** What main knows about the machine, answered from caches so a rule never waits. */
export interface RuleFacts {
  /** Portscope can see every process's sockets (root on Linux). */
  privileged: boolean;
  /**
   * The nearest directory holding this executable that anyone may write to (its own directory or
   * an ancestor), or null when there is none or it is not known yet.
   */
  worldWritableDirOf(executablePath: string): string | null;
  /** The parsed blocklist file (empty when none is set or it cannot be read). */
  blocklist: Blocklist;
  /**
   * SHA-256 of what this row's process runs (Linux: its running image, /proc/PID/exe) when
   * already computed, else null (main hashes it in the background).
   */
  executableHash(row: Pick<Connection, 'pid' | 'processStartTime' | 'processPath'>): string | null;
}

/** What a rule's check receives: the settings, with lists turned into sets once per change. */
export interface RuleEnv {
  settings: RulesSettings;
  facts: RuleFacts;
  backdoorPorts: ReadonlySet<number>;
  expectedListenerPorts: ReadonlySet<number>;
}

export interface Rule {
  /** Stable across versions: stored in settings and printed in JSON. */
  id: string;
  severity: Severity;
  /** A few words, for the settings page and the tooltip heading. */
  title: string;
  /** Why this matters and when it is harmless: the README line and the tooltip text. */
  explanation: string;
  platforms: readonly RulePlatform[];
  /** Which "Mark as known" items silence this rule on a row (see known-items.ts). */
  knownKinds: readonly KnownItemKind[];
  /** A sentence naming what was found, or null when the row is fine by this rule. */
  check(row: Connection, env: RuleEnv): string | null;
}

/** A rule as the settings page shows it (no functions: it crosses IPC). */
export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  explanation: string;
  enabled: boolean;
  /** False when the rule is for another operating system (listed for documentation). */
  appliesHere: boolean;
  knownKinds: KnownItemKind[];
}
