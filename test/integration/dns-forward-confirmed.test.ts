// Host names are shown only when forward-confirmed (issue 13.10): a PTR record says whatever the
// owner of the address's reverse zone wants, so 192.0.2.66 can call itself www.bank.example.
// Against the loopback DNS server (test/support/fake-dns-server.ts) with consistent and spoofed
// records: a name appears only when its own A/AAAA records include the address.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createReverseDnsEnricher,
  isHostName,
} from '../../electron/core/lookup/reverse-dns-enricher';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import type { Connection } from '../../shared/model';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { startFakeDnsServer, type FakeDnsServer } from '../support/fake-dns-server';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

const row = (id: string, remoteAddress: string): Connection =>
  makeConnection({
    id,
    family: remoteAddress.includes(':') ? 6 : 4,
    remoteAddress,
    remotePort: 443,
    ...UNOWNED,
    firstSeen: 0,
  });

let dns: FakeDnsServer | null = null;
afterEach(async () => {
  await dns?.close();
  dns = null;
});

async function namesFor(rows: Connection[]): Promise<(string | null)[]> {
  const settings = createMemorySettingsStore({
    lookup: { ...defaultLookupSettings, dnsServers: [dns!.address], dnsTimeoutMs: 2000 },
  });
  const enricher = createReverseDnsEnricher({ settings });
  const pending = new Set(rows.map((r) => r.id));
  const done = new Promise<void>((resolve) => {
    enricher.attach?.({
      refresh(ids?: Iterable<string>) {
        for (const id of ids ?? []) pending.delete(id);
        if (pending.size === 0) resolve();
      },
    });
  });
  for (const r of rows) enricher.enrich(r);
  await done;
  const names = rows.map((r) => {
    const again = { ...r };
    enricher.enrich(again);
    return again.remoteHostName;
  });
  enricher.dispose?.();
  return names;
}

describe('forward-confirmed host names', () => {
  it('shows a name whose A/AAAA records point back, and no name for a spoofed PTR', async () => {
    dns = await startFakeDnsServer(
      {
        '192.0.2.10': 'mail.example.test',
        '192.0.2.66': 'www.bank.example',
        '2001:db8::7': 'v6.example.test',
        '2001:db8::66': 'login.bank.example',
        '192.0.2.67': 'nowhere.example',
      },
      {
        // The bank's real addresses are elsewhere: the PTRs of .66 claim a name that is not theirs.
        'www.bank.example': ['203.0.113.5'],
        'login.bank.example': ['2001:db8:ffff::1'],
        'nowhere.example': [],
      },
    );
    const names = await namesFor([
      row('a', '192.0.2.10'),
      row('spoofed', '192.0.2.66'),
      row('v6', '2001:db8::7'),
      row('spoofed6', '2001:db8::66'),
      row('no-forward', '192.0.2.67'),
    ]);
    expect(names).toEqual(['mail.example.test', null, 'v6.example.test', null, null]);
    // The forward lookup went to the same resolver, one per PTR name.
    expect(dns.queries).toContain('www.bank.example');
    expect(dns.queries).toContain('login.bank.example');
  });

  it('only host names are ever shown: no spaces, controls or bidi characters', () => {
    expect(isHostName('mail.example.test')).toBe(true);
    expect(isHostName('_sip._tcp.example')).toBe(true);
    for (const bad of [
      'exe.gnp\u202e.example',
      'a b.example',
      'a..b',
      '',
      'x'.repeat(64),
      'é.example',
    ]) {
      expect(isHostName(bad)).toBe(false);
    }
  });
});
