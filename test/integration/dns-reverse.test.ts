// Reverse DNS for the Remote Host Name column, against a real DNS server on 127.0.0.1 started
// here: names appear through host.refresh(), answers are cached (positive and negative), and
// with resolution off the server receives no query at all.
import { afterEach, describe, expect, it } from 'vitest';
import { createReverseDnsEnricher } from '../../electron/core/lookup/reverse-dns-enricher';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import type { Connection } from '../../shared/model';
import { defaultLookupSettings, type LookupSettings } from '../../shared/whois/lookup-settings';
import { startFakeDnsServer, type FakeDnsServer } from '../support/fake-dns-server';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

function row(id: string, remoteAddress: string | null): Connection {
  return makeConnection({
    id,
    family: remoteAddress?.includes(':') ? 6 : 4,
    remoteAddress,
    remotePort: remoteAddress ? 443 : null,
    ...UNOWNED,
    firstSeen: 0,
  });
}

/** A host that records refreshes and resolves a promise when the wanted ids were refreshed. */
function recordingHost() {
  const refreshed = new Set<string>();
  let all = 0;
  let waiters: { ids: string[]; resolve: () => void }[] = [];
  return {
    refreshed,
    get allRefreshes() {
      return all;
    },
    refresh(ids?: Iterable<string>) {
      if (!ids) all += 1;
      else for (const id of ids) refreshed.add(id);
      waiters = waiters.filter((w) => {
        if (!w.ids.every((id) => refreshed.has(id))) return true;
        w.resolve();
        return false;
      });
    },
    until(...ids: string[]) {
      return new Promise<void>((resolve) => {
        if (ids.every((id) => refreshed.has(id))) resolve();
        else waiters.push({ ids, resolve });
      });
    },
  };
}

let dns: FakeDnsServer | null = null;
afterEach(async () => {
  await dns?.close();
  dns = null;
});

async function setup(lookup: Partial<LookupSettings>, enabled = true) {
  dns = await startFakeDnsServer({
    '192.0.2.10': 'host-a.example.test',
    '198.51.100.7': 'b.example.test',
    '2001:db8::53': 'v6.example.test',
  });
  const settings = createMemorySettingsStore({
    lookup: { ...defaultLookupSettings, dnsServers: [dns.address], dnsTimeoutMs: 2000, ...lookup },
  });
  const enricher = createReverseDnsEnricher({ settings }, { enabled });
  const host = recordingHost();
  enricher.attach?.(host);
  return { settings, enricher, host, dns };
}

describe('reverse DNS enricher', () => {
  it('fills names in the background and refreshes the rows that show them', async () => {
    const { enricher, host, dns } = await setup({});
    const rows = [row('a', '192.0.2.10'), row('b', '198.51.100.7'), row('c', '2001:db8::53')];
    for (const r of rows) enricher.enrich(r);
    expect(rows.map((r) => r.remoteHostName)).toEqual([null, null, null]); // never waits

    await host.until('a', 'b', 'c');
    for (const r of rows) enricher.enrich(r);

    expect(rows.map((r) => r.remoteHostName)).toEqual([
      'host-a.example.test',
      'b.example.test',
      'v6.example.test',
    ]);
    // Each PTR, then the forward lookup that confirms its name (A, or AAAA for IPv6).
    expect([...dns.queries].sort()).toEqual(
      [
        '10.2.0.192.in-addr.arpa',
        'host-a.example.test',
        '7.100.51.198.in-addr.arpa',
        'b.example.test',
        '3.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        'v6.example.test',
      ].sort(),
    );
    enricher.dispose?.();
  });

  it('never asks again for a fresh answer, nor twice for one address in flight', async () => {
    const { enricher, host, dns } = await setup({});
    const first = row('a', '192.0.2.10');
    const second = row('a2', '192.0.2.10');
    const missing = row('m', '192.0.2.99');
    enricher.enrich(first);
    enricher.enrich(second);
    enricher.enrich(missing);
    await host.until('a', 'a2', 'm');
    for (let poll = 0; poll < 50; poll += 1) {
      enricher.enrich(row('a', '192.0.2.10'));
      enricher.enrich(row('m', '192.0.2.99'));
    }
    const again = row('a', '192.0.2.10');
    enricher.enrich(again);

    expect(again.remoteHostName).toBe('host-a.example.test');
    expect([...dns.queries].sort()).toEqual(
      ['10.2.0.192.in-addr.arpa', '99.2.0.192.in-addr.arpa', 'host-a.example.test'].sort(),
    );
    expect(enricher.name).toBe('reverse-dns');
    enricher.dispose?.();
  });

  it('sends no query at all when resolution is off in settings', async () => {
    const { enricher, dns } = await setup({ resolveHostNames: false });
    const r = row('a', '192.0.2.10');
    enricher.enrich(r);
    // A query would be on the wire within the enrich call (queued and sent at once); give the
    // server a moment to receive anything that was sent anyway.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.remoteHostName).toBeNull();
    expect(dns.queries).toEqual([]);
    enricher.dispose?.();
  });

  it('sends no query with `list --no-resolve` (enabled: false), whatever the setting', async () => {
    const { enricher, dns } = await setup({ resolveHostNames: true }, false);
    enricher.enrich(row('a', '192.0.2.10'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dns.queries).toEqual([]);
    enricher.dispose?.();
  });

  it('toggling off clears names and stops queries; on again asks', async () => {
    const { enricher, host, dns, settings } = await setup({});
    const r = row('a', '192.0.2.10');
    enricher.enrich(r);
    await host.until('a');

    await settings.update({ lookup: { ...settings.get().lookup, resolveHostNames: false } });
    const off = row('a', '192.0.2.10');
    const fresh = row('n', '198.51.100.7');
    enricher.enrich(off);
    enricher.enrich(fresh);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(off.remoteHostName).toBeNull();
    expect(dns.queries).toEqual(['10.2.0.192.in-addr.arpa', 'host-a.example.test']);
    expect(host.allRefreshes).toBe(1); // the table re-enriches every row (names disappear)

    await settings.update({ lookup: { ...settings.get().lookup, resolveHostNames: true } });
    enricher.enrich(fresh);
    await host.until('n');
    enricher.enrich(fresh);
    expect(fresh.remoteHostName).toBe('b.example.test');
    expect(host.allRefreshes).toBe(2);
    enricher.dispose?.();
  });

  it('does not ask for rows without a remote address or with unspecified ones', async () => {
    const { enricher, dns } = await setup({});
    enricher.enrich(row('l', null));
    enricher.enrich(row('u', '0.0.0.0'));
    enricher.enrich(row('m', '224.0.0.251'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dns.queries).toEqual([]);
    enricher.dispose?.();
  });
});
