// Which RDAP bootstrap to use. Default: the IANA files shipped with Portscope
// (resources/rdap/, published 2019-06-07 for IPv4 and 2019-11-06 for IPv6), replaced by a fresher
// copy fetched from IANA into the data folder when the network allows (in the background, bounded,
// never delaying a lookup). The `rdapBootstrap` setting (and the CLI's --rdap-bootstrap) points
// to a file, a directory or a URL instead.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import shippedIpv4 from '../../../resources/rdap/ipv4.json';
import shippedIpv6 from '../../../resources/rdap/ipv6.json';
import type { LookupSettings } from '../../../shared/whois/lookup-settings';
import { parseRdapBootstrap, type RdapBootstrap } from '../../../shared/whois/rdap-bootstrap';
import { httpGetBounded } from './http-get';

const FILES = ['ipv4.json', 'ipv6.json'] as const;
const MAX_BOOTSTRAP_BYTES = 2 * 1024 * 1024;

export interface BootstrapSource {
  get(): Promise<RdapBootstrap>;
  /** The refresh started by the last get(), if any (tests and the CLI may wait for it). */
  pendingRefresh(): Promise<void> | null;
}

export function createBootstrapSource(options: {
  dataDir: string | null;
  settings: () => LookupSettings;
  now?: () => number;
}): BootstrapSource {
  const now = options.now ?? Date.now;
  const shipped = parseRdapBootstrap(shippedIpv4, shippedIpv6);
  let cached: { key: string; bootstrap: RdapBootstrap; at: number } | null = null;
  let refreshing: Promise<void> | null = null;
  let lastRefreshAttempt = 0;
  const cacheDir = options.dataDir ? path.join(options.dataDir, 'rdap-bootstrap') : null;

  async function loadConfigured(location: string): Promise<RdapBootstrap> {
    const s = options.settings();
    const fetchJson = async (url: string) => {
      const reply = await httpGetBounded(url, {
        connectTimeoutMs: s.connectTimeoutMs,
        totalTimeoutMs: s.totalTimeoutMs,
        maxBytes: MAX_BOOTSTRAP_BYTES,
        accept: 'application/json',
      });
      if (reply.status !== 200 || reply.truncated) {
        throw new Error(
          `RDAP bootstrap ${url}: HTTP ${reply.status}${reply.truncated ? ', too large' : ''}`,
        );
      }
      return JSON.parse(reply.body.toString('utf8')) as unknown;
    };
    if (/^https?:\/\//i.test(location)) {
      if (location.endsWith('/')) {
        return parseRdapBootstrap(
          ...(await Promise.all(FILES.map((f) => fetchJson(location + f)))),
        );
      }
      return parseRdapBootstrap(await fetchJson(location));
    }
    const info = await stat(location).catch(() => {
      throw new Error(`RDAP bootstrap file ${location} does not exist`);
    });
    const files = info.isDirectory() ? FILES.map((f) => path.join(location, f)) : [location];
    const contents = await Promise.all(
      files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as unknown),
    );
    return parseRdapBootstrap(...contents);
  }

  async function loadDefault(): Promise<RdapBootstrap> {
    if (!cacheDir) return shipped;
    let fresh: RdapBootstrap | null = null;
    let age = Infinity;
    try {
      const contents = await Promise.all(
        FILES.map(
          async (f) => JSON.parse(await readFile(path.join(cacheDir, f), 'utf8')) as unknown,
        ),
      );
      fresh = parseRdapBootstrap(...contents);
      age = now() - (await stat(path.join(cacheDir, FILES[0]))).mtimeMs;
    } catch {
      fresh = null; // no cached copy yet, or a damaged one: the shipped copy serves
    }
    const s = options.settings();
    const stale = age > s.rdapBootstrapRefreshDays * 86_400_000;
    if (
      stale &&
      !refreshing &&
      now() - lastRefreshAttempt > 3_600_000 &&
      s.rdapBootstrapRefreshUrl
    ) {
      lastRefreshAttempt = now();
      refreshing = refresh(s).finally(() => {
        refreshing = null;
        cached = null; // pick the new files up on the next lookup
      });
    }
    if (fresh && (fresh.publication ?? '') >= (shipped.publication ?? '')) return fresh;
    return shipped;
  }

  async function refresh(s: LookupSettings): Promise<void> {
    if (!cacheDir) return;
    const base = s.rdapBootstrapRefreshUrl.endsWith('/')
      ? s.rdapBootstrapRefreshUrl
      : `${s.rdapBootstrapRefreshUrl}/`;
    try {
      const bodies = await Promise.all(
        FILES.map(async (f) => {
          const reply = await httpGetBounded(base + f, {
            connectTimeoutMs: s.connectTimeoutMs,
            totalTimeoutMs: s.totalTimeoutMs,
            maxBytes: MAX_BOOTSTRAP_BYTES,
            accept: 'application/json',
          });
          if (reply.status !== 200 || reply.truncated) throw new Error(`HTTP ${reply.status}`);
          const text = reply.body.toString('utf8');
          parseRdapBootstrap(JSON.parse(text)); // refuse to store something we cannot use
          return text;
        }),
      );
      await mkdir(cacheDir, { recursive: true });
      for (const [index, f] of FILES.entries()) {
        const target = path.join(cacheDir, f);
        await writeFile(`${target}.tmp`, bodies[index]!);
        await rename(`${target}.tmp`, target);
      }
    } catch {
      // Offline or IANA unreachable: the shipped copy keeps serving; we try again in an hour.
    }
  }

  return {
    async get() {
      const location = options.settings().rdapBootstrap.trim();
      const key = location || '(default)';
      if (cached && cached.key === key && now() - cached.at < 3_600_000) return cached.bootstrap;
      const bootstrap = location ? await loadConfigured(location) : await loadDefault();
      cached = { key, bootstrap, at: now() };
      return bootstrap;
    },
    pendingRefresh: () => refreshing,
  };
}
