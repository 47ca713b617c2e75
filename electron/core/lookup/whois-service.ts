// The whois lookup behind the `whois` channel and the CLI: local answer for special ranges,
// cache, then RDAP (bootstrap → registry), then port-43 whois with referrals. Bounded by the
// `lookup` settings: lookups in flight, per-server pacing, timeouts, reply size.
import type { LookupSettings } from '../../../shared/whois/lookup-settings';
import { findRdapServers } from '../../../shared/whois/rdap-bootstrap';
import { parseAddress } from '../../../shared/whois/special-address';
import { emptyWhoisFields, type WhoisSummary } from '../../../shared/whois/types';
import { createLimiter, createServerPacer } from './limiter';
import { createBootstrapSource } from './rdap-bootstrap-source';
import { lookupRdap } from './rdap-client';
import { createWorkerReplyParser, type ReplyParser } from './reply-parser';
import { createWhoisCache } from './whois-cache';
import { lookupPort43 } from './whois-port43';
import { whoisSourceKey } from './whois-source';

export interface WhoisService {
  lookup(address: string): Promise<WhoisSummary>;
  /** Saves the cache; call on quit. */
  dispose(): Promise<void>;
}

export class WhoisLookupError extends Error {
  override name = 'WhoisLookupError';
}

export function createWhoisService(options: {
  /** Where the cache and the refreshed bootstrap live; null: memory only (CLI with --no-cache). */
  dataDir: string | null;
  settings: () => LookupSettings;
  now?: () => number;
  /** Reads replies; a worker thread by default (reply-parser.ts). */
  parser?: ReplyParser;
}): WhoisService {
  const now = options.now ?? Date.now;
  const settings = options.settings;
  const limiter = createLimiter(() => settings().maxInFlight);
  const pacer = createServerPacer(() => settings().perServerIntervalMs, now);
  const cache = createWhoisCache({
    dataDir: options.dataDir,
    ttlMs: () => settings().cacheHours * 3_600_000,
    now,
  });
  const bootstrap = createBootstrapSource({ dataDir: options.dataDir, settings, now });
  const inFlight = new Map<string, Promise<WhoisSummary>>();
  const parser = options.parser ?? createWorkerReplyParser();

  async function ask(address: string): Promise<WhoisSummary> {
    const s = settings();
    const notes: string[] = [];
    const servers: string[] = [];
    if (s.rdapEnabled) {
      try {
        const boot = await bootstrap.get();
        const urls = findRdapServers(boot, address);
        if (urls.length === 0) {
          notes.push(
            `no RDAP server for ${address} in the bootstrap (published ${boot.publication ?? 'unknown'})`,
          );
        } else {
          servers.push(new URL(urls[0]!).host);
          const rdap = await lookupRdap(
            address,
            urls,
            {
              connectTimeoutMs: s.connectTimeoutMs,
              totalTimeoutMs: s.totalTimeoutMs,
              maxBytes: s.maxResponseBytes,
            },
            pacer.wait,
            parser.rdap,
          );
          servers[servers.length - 1] = rdap.server;
          return {
            address,
            source: 'rdap',
            ...rdap.fields,
            servers,
            raw: rdap.raw,
            truncated: false,
            notes,
            specialRange: null,
            fetchedAt: now(),
            fromCache: false,
          };
        }
      } catch (error) {
        notes.push(`RDAP failed: ${(error as Error).message}; asked port-43 whois instead`);
      }
    }
    try {
      const answer = await lookupPort43(address, s, { pace: pacer.wait, read: parser.whois });
      return {
        address,
        source: 'whois',
        ...answer.fields,
        registry: answer.fields.registry ?? answer.servers[answer.servers.length - 1] ?? null,
        servers: [...servers, ...answer.servers],
        raw: answer.raw,
        truncated: answer.truncated,
        notes: [...notes, ...answer.notes],
        specialRange: null,
        fetchedAt: now(),
        fromCache: false,
      };
    } catch (error) {
      throw new WhoisLookupError(
        [...notes, `whois failed: ${(error as Error).message}`].join('. '),
      );
    }
  }

  return {
    async lookup(text) {
      const parsed = parseAddress(text);
      if (!parsed) throw new WhoisLookupError(`"${text}" is not an IP address`);
      const { address } = parsed;
      if (parsed.special) {
        return {
          address,
          source: 'local',
          ...emptyWhoisFields(),
          servers: [],
          // The label already says which kind of address (loopback, private, link-local …).
          raw: `${address}: ${parsed.special}. It has no public owner: nothing to look up.`,
          truncated: false,
          notes: [],
          specialRange: parsed.special,
          fetchedAt: now(),
          fromCache: false,
        };
      }
      await cache.load();
      const source = whoisSourceKey(settings());
      const hit = cache.get(address, source);
      if (hit) return { ...hit, fromCache: true };
      const flight = `${source}\n${address}`;
      const running = inFlight.get(flight);
      if (running) return running;
      const task = limiter
        .run(() => ask(address))
        .then((summary) => {
          if (!summary.truncated) cache.set(summary, source);
          return summary;
        })
        .finally(() => inFlight.delete(flight));
      inFlight.set(flight, task);
      return task;
    },
    async dispose() {
      await cache.flush();
      await parser.dispose();
    },
  };
}
