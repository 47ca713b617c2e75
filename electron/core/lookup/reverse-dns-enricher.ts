// The Remote Host Name column: reverse DNS (PTR) of each remote address, in the background.
// enrich() only reads the cache and queues; answers arrive later and the waiting rows are
// refreshed. Positive and negative answers are cached with a TTL, a fresh answer is never asked
// again, at most `dnsConcurrency` lookups run at once, and with resolution off (setting or
// `list --no-resolve`) nothing is queued and nothing is sent.
//
// A PTR record says whatever the owner of the address's reverse zone wants: 203.0.113.5 can call
// itself www.yourbank.example. So a name is shown only when it is forward-confirmed (FCrDNS): the
// name's own A/AAAA records, from the same resolver, include the address (issue 13.10). Names
// that are not valid host names (labels of letters, digits, "-" and "_") are never shown either.
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
/** PTR names tried for a forward match per address (most have one; a few list several). */
const MAX_NAMES_CONFIRMED = 3;

/** A host name as DNS writes it for hosts (RFC 1123 labels, "_" allowed): no spaces, no controls. */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > 63) return false;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      const ok =
        (c >= 48 && c <= 57) || // 0-9
        (c >= 65 && c <= 90) || // A-Z
        (c >= 97 && c <= 122) || // a-z
        c === 45 || // -
        c === 95; // _
      if (!ok) return false;
    }
  }
  return true;
}

/** Same address, however written ("2001:db8::1" and "2001:DB8:0::1"). */
function sameAddress(a: string, b: string): boolean {
  return parseAddress(a)?.address === parseAddress(b)?.address;
}

/**
 * The first of `names` whose forward lookup (A for IPv4, AAAA for IPv6) includes `address`, or
 * null. Lookups that fail count as "not confirmed".
 */
function forwardConfirmed(
  resolver: Resolver,
  address: string,
  names: string[],
  onQuery: () => void,
): Promise<string | null> {
  const v6 = address.includes(':');
  const candidates = names.filter(isHostName).slice(0, MAX_NAMES_CONFIRMED);
  const confirm = async (index: number): Promise<string | null> => {
    if (index >= candidates.length) return null;
    const name = candidates[index]!;
    onQuery();
    const found = await new Promise<string[]>((resolve) => {
      const done = (error: NodeJS.ErrnoException | null, addresses: string[]) =>
        resolve(error ? [] : addresses);
      if (v6) resolver.resolve6(name, done);
      else resolver.resolve4(name, done);
    });
    if (found.some((candidate) => sameAddress(candidate, address))) return name;
    return confirm(index + 1);
  };
  return confirm(0);
}

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
      const resolver = resolverFor(s);
      const finish = (name: string | null, cancelled: boolean) => {
        inFlight -= 1;
        if (started === generation) {
          // NXDOMAIN, no PTR, no forward match, timeout, refused: "no name" for a while.
          if (!cancelled) {
            remember(address, name, name ? s.dnsCacheSeconds : s.dnsNegativeCacheSeconds);
          }
          const ids = waiting.get(address);
          waiting.delete(address);
          if (ids) scheduleRefresh(ids);
        }
        pump();
      };
      resolver.reverse(address, (error, names) => {
        if (error) {
          finish(null, error.code === 'ECANCELLED');
          return;
        }
        const named = names.map((n) => n.replace(/\.$/, '')).filter((n) => n.length > 0);
        void forwardConfirmed(resolver, address, named, () => (queriesSent += 1)).then((name) =>
          finish(name, started !== generation),
        );
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
