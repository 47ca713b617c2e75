// The Remote Host Name column: reverse DNS (PTR) of each remote address, in the background.
// enrich() only reads the cache and queues; answers arrive later and the waiting rows are
// refreshed. Positive and negative answers are cached with a TTL, a fresh answer is never asked
// again, at most `dnsConcurrency` queries run at once, and with resolution off (setting or
// `list --no-resolve`) nothing is queued and nothing is sent.
import { Resolver } from 'node:dns';
import type { Connection } from '../../../shared/model';
import type { LookupSettings } from '../../../shared/whois/lookup-settings';
import { parseAddress } from '../../../shared/whois/special-address';
import type { EnrichmentHost, Enricher, SettingsStore } from '../context';

/** Addresses with no meaningful PTR: asking would only cost a query. */
const NEVER_ASK = new Set(['unspecified address', 'multicast address', 'broadcast address']);
/** Bound on addresses waiting to be asked; beyond it, rows are asked again on a later poll. */
const MAX_QUEUE = 5000;
/** Bound on cached answers (a long-running session on a busy server sees many addresses). */
const MAX_CACHE = 50_000;

interface CacheEntry {
  name: string | null;
  expires: number;
}

export interface ReverseDnsEnricher extends Enricher {
  /** Queries sent since start (for the status line and tests). */
  readonly queriesSent: number;
}

export function createReverseDnsEnricher(
  context: { settings: Pick<SettingsStore, 'get' | 'onChange'> },
  options: { enabled?: boolean; now?: () => number } = {},
): ReverseDnsEnricher {
  const now = options.now ?? Date.now;
  const enabled = options.enabled !== false;
  const lookup = (): LookupSettings => context.settings.get().lookup;
  const cache = new Map<string, CacheEntry>();
  const waiting = new Map<string, Set<string>>(); // address → ids of rows that show it
  const queue: string[] = [];
  let inFlight = 0;
  let queriesSent = 0;
  let host: EnrichmentHost | null = null;
  let resolver: { key: string; resolver: Resolver } | null = null;
  let refreshIds = new Set<string>();
  let refreshTimer: NodeJS.Timeout | null = null;
  let generation = 0; // answers from before a toggle-off are dropped
  let active = enabled && lookup().resolveHostNames;

  const resolverFor = (s: LookupSettings): Resolver => {
    const key = JSON.stringify([s.dnsServers, s.dnsTimeoutMs]);
    if (resolver?.key === key) return resolver.resolver;
    resolver?.resolver.cancel();
    const created = new Resolver({ timeout: s.dnsTimeoutMs, tries: 1 });
    if (s.dnsServers.length > 0) created.setServers(s.dnsServers);
    resolver = { key, resolver: created };
    return created;
  };

  const scheduleRefresh = (ids: Iterable<string>) => {
    for (const id of ids) refreshIds.add(id);
    if (refreshTimer || !host) return;
    // Answers arrive in bursts; one refresh per burst keeps the delta events few.
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      const batch = refreshIds;
      refreshIds = new Set();
      host?.refresh(batch);
    }, 50);
  };

  const remember = (address: string, name: string | null, ttlSeconds: number) => {
    cache.delete(address);
    cache.set(address, { name, expires: now() + ttlSeconds * 1000 });
    if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value!);
  };

  const pump = () => {
    const s = lookup();
    while (active && inFlight < s.dnsConcurrency && queue.length > 0) {
      const address = queue.shift()!;
      const started = generation;
      inFlight += 1;
      queriesSent += 1;
      resolverFor(s).reverse(address, (error, names) => {
        inFlight -= 1;
        if (started === generation) {
          if (!error) {
            const name = names.find((n) => n.length > 0)?.replace(/\.$/, '') ?? null;
            remember(address, name, name ? s.dnsCacheSeconds : s.dnsNegativeCacheSeconds);
          } else if (error.code !== 'ECANCELLED') {
            // NXDOMAIN, no PTR, timeout, refused: "no name" for a while, then ask again.
            remember(address, null, s.dnsNegativeCacheSeconds);
          }
          const ids = waiting.get(address);
          waiting.delete(address);
          if (ids) scheduleRefresh(ids);
        }
        pump();
      });
    }
  };

  const stop = () => {
    generation += 1;
    queue.length = 0;
    waiting.clear();
    resolver?.resolver.cancel();
  };

  const unsubscribe = context.settings.onChange((settings) => {
    const next = enabled && settings.lookup.resolveHostNames;
    if (next === active) return;
    active = next;
    if (!next) stop();
    host?.refresh(); // names disappear, or get asked for
  });

  return {
    name: 'reverse-dns',
    get queriesSent() {
      return queriesSent;
    },
    enrich(row: Connection) {
      const address = row.remoteAddress;
      if (!active || address === null) {
        row.remoteHostName = null;
        return;
      }
      const entry = cache.get(address);
      row.remoteHostName = entry?.name ?? null; // a stale name shows until the new answer
      if (entry && entry.expires > now()) return;
      const parsed = parseAddress(address);
      if (!parsed || (parsed.special !== null && NEVER_ASK.has(parsed.special))) return;
      const rows = waiting.get(address);
      if (rows) {
        rows.add(row.id); // already queued or being asked
        return;
      }
      if (queue.length >= MAX_QUEUE) return;
      waiting.set(address, new Set([row.id]));
      queue.push(address);
      pump();
    },
    attach(enrichmentHost) {
      host = enrichmentHost;
    },
    dispose() {
      unsubscribe();
      stop();
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      host = null;
    },
  };
}
