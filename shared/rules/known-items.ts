// "Mark as known": the person's baseline. A known process, remote address or port is never
// flagged again by the rules that concern it. Pure: the executable's hash comes in as a fact.
import ipaddr from 'ipaddr.js';
import { memoizeBounded } from '../bounded-memo';
import type { Connection } from '../model';
import type { RuleFacts } from './types';
import type { KnownItem, KnownItemKind } from './settings-schema';

/** One spelling per address, so "::FFFF:10.0.0.1" and "10.0.0.1" are the same known item. */
export const normalizeAddress: (address: string) => string = memoizeBounded(normalizeUncached);

function normalizeUncached(address: string): string {
  const text = address.trim().split('%')[0] ?? '';
  if (!ipaddr.isValid(text)) return text.toLowerCase();
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toRFC5952String();
  }
  return parsed.toString();
}

/** True when two items name the same thing (used to avoid duplicates and to forget). */
export function sameKnownItem(a: KnownItem, b: KnownItem): boolean {
  switch (a.kind) {
    case 'process':
      return b.kind === 'process' && a.path === b.path && a.sha256 === b.sha256;
    case 'remoteAddress':
      return (
        b.kind === 'remoteAddress' && normalizeAddress(a.address) === normalizeAddress(b.address)
      );
    case 'port':
      return b.kind === 'port' && a.port === b.port;
  }
}

/** How the settings page and notifications name an item. */
export function describeKnownItem(item: KnownItem): string {
  switch (item.kind) {
    case 'process':
      return item.sha256
        ? `Process ${item.path} (this exact file, SHA-256 ${item.sha256.slice(0, 12)}…)`
        : `Process ${item.path} (any file at this path)`;
    case 'remoteAddress':
      return `Remote address ${item.address}`;
    case 'port':
      return `Port ${item.port}`;
  }
}

export interface KnownIndex {
  /** Which kinds of known item match this row. */
  matches(row: Connection, facts: RuleFacts): Set<KnownItemKind>;
  readonly size: number;
}

export function indexKnownItems(items: readonly KnownItem[]): KnownIndex {
  // path → hashes; null in the set means "known by path alone".
  const processes = new Map<string, Set<string | null>>();
  const addresses = new Set<string>();
  const ports = new Set<number>();
  for (const item of items) {
    if (item.kind === 'process') {
      let hashes = processes.get(item.path);
      if (!hashes) processes.set(item.path, (hashes = new Set()));
      hashes.add(item.sha256);
    } else if (item.kind === 'remoteAddress') {
      addresses.add(normalizeAddress(item.address));
    } else {
      ports.add(item.port);
    }
  }
  return {
    size: items.length,
    matches(row, facts) {
      const kinds = new Set<KnownItemKind>();
      if (row.processPath !== null) {
        const hashes = processes.get(row.processPath);
        if (hashes?.has(null)) kinds.add('process');
        // A deleted executable is no longer the file at that path: a path-only item can vouch
        // for it, a hash of the file once at that path cannot.
        else if (hashes && !row.processPathDeleted) {
          const hash = facts.executableHash(row);
          if (hash !== null && hashes.has(hash)) kinds.add('process');
        }
      }
      if (row.remoteAddress !== null && addresses.has(normalizeAddress(row.remoteAddress))) {
        kinds.add('remoteAddress');
      }
      if (ports.has(row.localPort) || (row.remotePort !== null && ports.has(row.remotePort))) {
        kinds.add('port');
      }
      return kinds;
    },
  };
}

/** Paths of process items that need a hash to be decided (main hashes these in the background). */
export function pathsKnownByHash(items: readonly KnownItem[]): Set<string> {
  const paths = new Set<string>();
  for (const item of items)
    if (item.kind === 'process' && item.sha256 !== null) paths.add(item.path);
  return paths;
}
