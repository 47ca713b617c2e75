// The rules in the main process: judges every added or changed row (Connection.suspicion), keeps
// the facts rules need (blocklist file, world-writable directories, executable hashes,
// privileges), re-judges every row when any of them changes, raises desktop notices for new
// suspicious rows, and answers the rules channels (getRulesInfo, markKnown, forgetKnown).
// One feature per backend: createRulesEnricher(context) and createRulesHandlers(context) share it.
import type { InvokeHandlers } from '../../../shared/contract';
import type { MarkKnownRequest, RulesInfo } from '../../../shared/contract/rules';
import type { Connection } from '../../../shared/model';
import { createJudge, describeRules, type Judge } from '../../../shared/rules/engine';
import { sameKnownItem } from '../../../shared/rules/known-items';
import type { KnownItem, RulesSettings } from '../../../shared/rules/settings-schema';
import type { RuleFacts, RulePlatform } from '../../../shared/rules/types';
import type { BackendContext, EnrichmentHost, Enricher } from '../context';
import { createBlocklistSource, type BlocklistSource } from './blocklist-source';
import {
  createExecutableHashCache,
  hashRunningImage,
  type ExecutableHashCache,
} from './executable-hash';
import { showDesktopNotice, type DesktopNotifier } from './notification-sink';
import { createNotificationLimiter, type NotificationLimiter } from './notifications';
import { createWorldWritableCache, type WorldWritableCache } from './world-writable';

export interface RulesFeatureOptions {
  /**
   * Can Portscope see every process's sockets? Default: what the last poll found
   * (context.status().privileged), which is false for a root that the OS still denies.
   */
  privileged?: () => boolean;
  /** Where notices go; default: the sink electron/notify.ts installs (none in CLI and tests). */
  notify?: DesktopNotifier;
  /** How often the blocklist file is re-checked besides fs.watch (tests shorten it). */
  blocklistPollMs?: number;
}

export class RulesFeature implements Enricher {
  readonly name = 'rules';
  private host: EnrichmentHost | null = null;
  private judge: Judge;
  private rulesSettings: RulesSettings;
  private readonly platform: RulePlatform;
  private readonly blocklist: BlocklistSource;
  private readonly hashes: ExecutableHashCache;
  private readonly worldWritable: WorldWritableCache;
  private readonly limiter: NotificationLimiter;
  private readonly privileged: () => boolean;
  /** The `privileged` the judge was compiled with: a change re-judges every row. */
  private judgedPrivileged = false;
  private readonly notify: DesktopNotifier;
  /** Rows flagged when last judged: a notice is raised only when a row becomes suspicious. */
  private readonly flagged = new Set<string>();
  /** Rows judged in the first poll are the starting picture, not news: no notices for them. */
  private baselineOpen = true;
  private baselineTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly context: BackendContext,
    options: RulesFeatureOptions = {},
  ) {
    this.platform = context.platform.os;
    this.privileged = options.privileged ?? (() => context.status().privileged);
    this.notify = options.notify ?? showDesktopNotice;
    this.limiter = createNotificationLimiter();
    this.worldWritable = createWorldWritableCache();
    this.hashes = createExecutableHashCache({
      onHashed: () => this.host?.refresh(),
      os: this.platform,
    });
    this.blocklist = createBlocklistSource({
      onChange: () => this.rejudge(),
      pollMs: options.blocklistPollMs,
    });
    this.rulesSettings = context.settings.get().rules;
    this.judge = this.compile();
    this.blocklist.setPath(this.rulesSettings.blocklistPath);
    this.unsubscribe = context.settings.onChange((settings) => {
      if (settings.rules !== this.rulesSettings) this.applySettings(settings.rules);
    });
  }

  private facts(): RuleFacts {
    const privileged = this.privileged();
    this.judgedPrivileged = privileged;
    return {
      privileged,
      blocklist: this.blocklist.current(),
      worldWritableDirOf: (path) => this.worldWritable.dirOf(path),
      executableHash: (row) => this.hashes.get(row),
    };
  }

  private compile(): Judge {
    return createJudge({
      settings: this.rulesSettings,
      facts: this.facts(),
      platform: this.platform,
    });
  }

  private applySettings(next: RulesSettings): void {
    if (JSON.stringify(next) === JSON.stringify(this.rulesSettings)) {
      this.rulesSettings = next;
      return;
    }
    this.rulesSettings = next;
    this.blocklist.setPath(next.blocklistPath);
    this.rejudge();
  }

  /** Facts or settings changed: judge every row again (the table sends what changed). */
  private rejudge(): void {
    this.judge = this.compile();
    this.host?.refresh();
  }

  attach(host: EnrichmentHost): void {
    this.host = host;
  }

  enrich(row: Connection): void {
    // The poll that brought this row saw more (or less) than the one before: judge with that.
    // (The backend re-enriches every row when a poll's privilege changes.)
    if (this.privileged() !== this.judgedPrivileged) this.judge = this.compile();
    if (this.baselineOpen && this.baselineTimer === null) {
      // Every row of the first poll is enriched in one synchronous pass; close after it.
      this.baselineTimer = setTimeout(() => (this.baselineOpen = false), 0);
    }
    const suspicion = this.judge(row);
    row.suspicion = suspicion;
    if (suspicion === null) {
      this.flagged.delete(row.id);
      return;
    }
    if (this.flagged.has(row.id)) return;
    if (this.flagged.size >= 50_000) this.flagged.clear(); // rows that left without telling us
    this.flagged.add(row.id);
    if (this.baselineOpen || !this.rulesSettings.notifications) return;
    const notice = this.limiter.consider(row, Date.now());
    if (notice) this.notify(notice);
  }

  /**
   * Resolves when the facts that load in the background are in: the blocklist file read and the
   * executable hashes the rows asked for computed, with the table re-judged after each. For
   * one-shot use (`portscope list`), which prints the table once.
   */
  async ready(): Promise<void> {
    // A finished hash re-judges rows, which may ask for more hashes: loop until none is pending.
    for (let round = 0; round < 10; round += 1) {
      await this.blocklist.check();
      await this.hashes.idle();
      if (!this.hashes.busy()) return;
    }
  }

  info(): RulesInfo {
    return {
      rules: describeRules(this.rulesSettings, this.platform),
      settings: this.rulesSettings,
      blocklist: this.blocklist.status(),
    };
  }

  private async itemFor(request: MarkKnownRequest): Promise<KnownItem> {
    if (!('rowId' in request)) return request;
    const row = this.context.table.get(request.rowId);
    if (!row) throw new Error('That connection is gone from the table: nothing to mark.');
    const path = row.processPath;
    if (path === null) {
      throw new Error(
        'The process of this connection has no readable executable path: mark its port or remote address as known instead.',
      );
    }
    if (request.by === 'path') return { kind: 'process', path, sha256: null };
    if (row.processPathDeleted || path.startsWith('/memfd:')) {
      throw new Error(
        `The executable ${path} was deleted, so its content cannot be hashed: mark it as known by path instead.`,
      );
    }
    // What the process runs (Linux: /proc/PID/exe), not whatever the path names now.
    const sha256 = await hashRunningImage(row, this.platform);
    this.hashes.put(row, sha256);
    return { kind: 'process', path, sha256 };
  }

  private async saveKnown(known: KnownItem[]): Promise<RulesInfo> {
    const settings = this.context.settings.get();
    const saved = await this.context.settings.update({ rules: { ...settings.rules, known } });
    // The store notifies listeners too; applying here as well makes the answer reflect the
    // re-judged table even if its notification comes later.
    this.applySettings(saved.rules);
    return this.info();
  }

  async markKnown(request: MarkKnownRequest): Promise<RulesInfo> {
    const item = await this.itemFor(request);
    const known = this.context.settings.get().rules.known;
    if (known.some((existing) => sameKnownItem(existing, item))) return this.info();
    return this.saveKnown([...known, item]);
  }

  async forgetKnown(item: KnownItem): Promise<RulesInfo> {
    const known = this.context.settings.get().rules.known;
    const remaining = known.filter((existing) => !sameKnownItem(existing, item));
    if (remaining.length === known.length) return this.info();
    return this.saveKnown(remaining);
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.blocklist.dispose();
    if (this.baselineTimer) clearTimeout(this.baselineTimer);
    this.host = null;
  }
}

const features = new WeakMap<BackendContext, RulesFeature>();

/** The rules feature of this backend, created on first use (options apply only then). */
export function rulesFeatureFor(
  context: BackendContext,
  options?: RulesFeatureOptions,
): RulesFeature {
  let feature = features.get(context);
  if (!feature) {
    feature = new RulesFeature(context, options);
    features.set(context, feature);
  }
  return feature;
}

/** For backend.ts's enricher list. Runs last: it reads fields other enrichers fill. */
export function createRulesEnricher(
  context: BackendContext,
  options?: RulesFeatureOptions,
): Enricher {
  return rulesFeatureFor(context, options);
}

type RuleHandlers = Pick<InvokeHandlers, 'getRulesInfo' | 'markKnown' | 'forgetKnown'>;

/** For backend.ts's handler spread. */
export function createRulesHandlers(
  context: BackendContext,
  options?: RulesFeatureOptions,
): RuleHandlers {
  const feature = rulesFeatureFor(context, options);
  return {
    getRulesInfo: () => feature.info(),
    markKnown: (request) => feature.markKnown(request),
    forgetKnown: (item) => feature.forgetKnown(item),
  };
}
