// The filter language on rows shaped like a real Linux desktop's table (addresses, processes and
// states as `ss -tuanp` shows them on this kind of machine).
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { compileFilter } from '../../shared/filter';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

// Rows start with nothing known (no process, no state) and each names what it has.
function row(fields: Partial<Connection> & Pick<Connection, 'id'>): Connection {
  return makeConnection({
    localAddress: '0.0.0.0',
    localPort: 0,
    remoteAddress: null,
    remotePort: null,
    state: null,
    ...UNOWNED,
    firstSeen: Date.UTC(2026, 10, 25, 20, 46),
    ...fields,
  });
}

const sshd4 = row({
  id: 'sshd4',
  localAddress: '0.0.0.0',
  localPort: 22,
  state: 'LISTEN',
  pid: 612,
  processName: 'sshd',
  processPath: '/usr/sbin/sshd',
  commandLine: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups',
  user: 'root',
  localPortName: 'ssh',
});
const sshd6 = row({ ...sshd4, id: 'sshd6', family: 6, localAddress: '::' });
const firefox = row({
  id: 'firefox',
  localAddress: '192.168.1.23',
  localPort: 51844,
  remoteAddress: '142.250.185.78',
  remotePort: 443,
  state: 'ESTABLISHED',
  pid: 2281,
  processName: 'firefox-esr',
  processPath: '/usr/lib/firefox-esr/firefox-esr',
  commandLine: '/usr/lib/firefox-esr/firefox-esr -contentproc -isForBrowser',
  user: 'anna',
  remoteHostName: 'fra16s52-in-f14.1e100.net',
  remoteCountry: 'US',
  remoteAsn: 15169,
  remoteAsOrg: 'Google LLC',
  remotePortName: 'https',
});
const firefox6 = row({
  id: 'firefox6',
  family: 6,
  localAddress: '2a02:8109:9c40:1a00:5c1e:7bff:fe3a:9d21',
  localPort: 40112,
  remoteAddress: '2a00:1450:4001:82a::200e',
  remotePort: 443,
  state: 'ESTABLISHED',
  pid: 2281,
  processName: 'firefox-esr',
  user: 'anna',
  remoteCountry: 'IE',
});
// An IPv4 client on a dual-stack (AF_INET6) listener: the kernel reports ::ffff:10.1.2.3 and
// the table shows it as IPv4 with family 6.
const mapped = row({
  id: 'mapped',
  family: 6,
  localAddress: '10.1.2.1',
  localPort: 8080,
  remoteAddress: '10.1.2.3',
  remotePort: 60414,
  state: 'ESTABLISHED',
  pid: 3004,
  processName: 'node',
  commandLine: 'node server.js --port 8080',
  user: 'www-data',
});
const resolved = row({
  id: 'resolved',
  protocol: 'udp',
  localAddress: '127.0.0.53',
  localPort: 53,
  pid: 431,
  processName: 'systemd-resolve',
  user: 'systemd-resolve',
});
const timeWait = row({
  id: 'timewait',
  localAddress: '127.0.0.1',
  localPort: 36200,
  remoteAddress: '127.0.0.1',
  remotePort: 5432,
  state: 'TIME_WAIT',
});
const linkLocal = row({
  id: 'linklocal',
  protocol: 'udp',
  family: 6,
  localAddress: 'fe80::5c1e:7bff:fe3a:9d21',
  localPort: 546,
  pid: 520,
  processName: 'NetworkManager',
  user: 'root',
});

const rows = [sshd4, sshd6, firefox, firefox6, mapped, resolved, timeWait, linkLocal];

function ids(text: string): string[] {
  const filter = compileFilter(text);
  if (!filter.ok) throw new Error(`${text}: ${filter.error} at ${filter.position}`);
  return rows.filter((r) => filter.test(r)).map((r) => r.id);
}

function failure(text: string): { error: string; position: number } {
  const filter = compileFilter(text);
  if (filter.ok) throw new Error(`expected "${text}" to be rejected`);
  return filter;
}

describe('compileFilter: plain words', () => {
  it('an empty or blank filter passes every row', () => {
    expect(ids('')).toEqual(rows.map((r) => r.id));
    expect(ids('   ')).toEqual(rows.map((r) => r.id));
    const filter = compileFilter(' ');
    expect(filter.ok && filter.empty).toBe(true);
  });

  it('matches any column text, case-insensitively', () => {
    expect(ids('FIREFOX')).toEqual(['firefox', 'firefox6']);
    expect(ids('google')).toEqual(['firefox']); // the Network Owner column
    expect(ids('TCPv6')).toEqual(['sshd6', 'firefox6', 'mapped']); // the Protocol column text
    expect(ids('time_wait')).toEqual(['timewait']);
  });

  it('does not match across two cells', () => {
    // "sshd" ends the Process cell and "612" is the PID cell: no row contains "sshd612".
    expect(ids('sshd612')).toEqual([]);
  });

  it('keeps spaces inside quotes', () => {
    expect(ids('"server.js --port"')).toEqual(['mapped']);
    expect(ids('"google llc"')).toEqual(['firefox']);
  });

  it('reads IPv6 addresses and times as plain words, not fields', () => {
    expect(ids('2a00:1450:4001:82a::200e')).toEqual(['firefox6']);
    expect(ids('fe80::5c1e')).toEqual(['linklocal']);
    expect(ids('::')).toContain('sshd6');
  });

  it('-word excludes', () => {
    expect(ids('-firefox -sshd')).toEqual(['mapped', 'resolved', 'timewait', 'linklocal']);
  });
});

describe('compileFilter: fields', () => {
  it('port: matches the local or remote port; lport/rport one side', () => {
    expect(ids('port:443')).toEqual(['firefox', 'firefox6']);
    expect(ids('port:22')).toEqual(['sshd4', 'sshd6']);
    expect(ids('lport:5432')).toEqual([]);
    expect(ids('rport:5432')).toEqual(['timewait']);
    expect(ids('lport:1024-49151')).toEqual(['firefox6', 'mapped', 'timewait']);
    expect(ids('lport:53,546')).toEqual(['resolved', 'linklocal']);
  });

  it('proc:, pid:, user:, path:, cmd:', () => {
    expect(ids('proc:systemd')).toEqual(['resolved']);
    expect(ids('pid:2281')).toEqual(['firefox', 'firefox6']);
    expect(ids('pid:600-700')).toEqual(['sshd4', 'sshd6']);
    expect(ids('user:root')).toEqual(['sshd4', 'sshd6', 'linklocal']);
    expect(ids('path:/usr/sbin')).toEqual(['sshd4', 'sshd6']);
    expect(ids('cmd:"--port 8080"')).toEqual(['mapped']);
  });

  it('state: takes listen, established, time_wait, time-wait or an unambiguous start', () => {
    expect(ids('state:listen')).toEqual(['sshd4', 'sshd6']);
    expect(ids('state:LISTEN')).toEqual(['sshd4', 'sshd6']);
    expect(ids('state:established')).toEqual(['firefox', 'firefox6', 'mapped']);
    expect(ids('state:estab')).toEqual(['firefox', 'firefox6', 'mapped']);
    expect(ids('state:time_wait')).toEqual(['timewait']);
    expect(ids('state:time-wait')).toEqual(['timewait']);
    expect(ids('state:timewait')).toEqual(['timewait']);
    expect(ids('-state:listen proto:tcp')).toEqual(['firefox', 'firefox6', 'mapped', 'timewait']);
  });

  it('proto: tcp, udp and their family variants', () => {
    expect(ids('proto:udp')).toEqual(['resolved', 'linklocal']);
    expect(ids('proto:udp6')).toEqual(['linklocal']);
    expect(ids('proto:UDP4')).toEqual(['resolved']);
    expect(ids('proto:tcp6')).toEqual(['sshd6', 'firefox6', 'mapped']);
    expect(ids('proto:tcp4')).toEqual(['sshd4', 'firefox', 'timewait']);
  });

  it('remote: CIDR ranges, single IPs, host names', () => {
    expect(ids('remote:142.250.0.0/15')).toEqual(['firefox']);
    expect(ids('remote:10.0.0.0/8')).toEqual(['mapped']);
    expect(ids('remote:2a00:1450::/32')).toEqual(['firefox6']);
    expect(ids('remote:142.250.185.78')).toEqual(['firefox']);
    expect(ids('remote:1e100.net')).toEqual(['firefox']);
    expect(ids('-remote:127.0.0.0/8 rport:1-65535')).toEqual(['firefox', 'firefox6', 'mapped']);
  });

  it('remote: accepts IPv6 written long-hand, in capitals, or IPv4-mapped', () => {
    expect(ids('remote:2A00:1450:4001:082A:0000:0000:0000:200E')).toEqual(['firefox6']);
    // The kernel's ::ffff:10.1.2.3 is shown as 10.1.2.3; the filter understands both.
    expect(ids('remote:::ffff:10.1.2.3')).toEqual(['mapped']);
    expect(ids('remote:::ffff:10.0.0.0/104')).toEqual(['mapped']);
  });

  it('local: ranges over IPv4 and IPv6', () => {
    expect(ids('local:127.0.0.0/8')).toEqual(['resolved', 'timewait']);
    expect(ids('local:fe80::/10')).toEqual(['linklocal']);
    expect(ids('local:::')).toEqual(['sshd6']);
    expect(ids('local:0.0.0.0/0')).toEqual(['sshd4', 'firefox', 'mapped', 'resolved', 'timewait']);
  });

  it('country:, host:, asn:, org:', () => {
    expect(ids('country:us')).toEqual(['firefox']);
    expect(ids('-country:US country:ie')).toEqual(['firefox6']);
    expect(ids('host:fra16')).toEqual(['firefox']);
    expect(ids('asn:AS15169')).toEqual(['firefox']);
    expect(ids('asn:15169')).toEqual(['firefox']);
    expect(ids('org:google')).toEqual(['firefox']);
  });

  it('field names are case-insensitive and values may be quoted', () => {
    expect(ids('PROC:"firefox-esr"')).toEqual(['firefox', 'firefox6']);
    expect(ids('proc:"systemd-res"olve')).toEqual(['resolved']);
  });
});

describe('compileFilter: AND, OR', () => {
  it('terms are ANDed', () => {
    expect(ids('proc:firefox proto:tcp6')).toEqual(['firefox6']);
    expect(ids('user:root state:listen proto:tcp4')).toEqual(['sshd4']);
  });

  it('OR joins neighbours and binds tighter than AND', () => {
    expect(ids('proc:sshd OR proc:node')).toEqual(['sshd4', 'sshd6', 'mapped']);
    expect(ids('proc:sshd OR proc:node proto:tcp4')).toEqual(['sshd4']);
    expect(ids('port:53 OR port:546 OR port:22 -proto:tcp6')).toEqual([
      'sshd4',
      'resolved',
      'linklocal',
    ]);
    // Lower-case "or" and a quoted "OR" are plain words, ANDed like any other.
    expect(ids('"OR" proc:node')).toEqual(['mapped']); // "server.js --pORt"
    expect(ids('proc:sshd or proc:node')).toEqual([]);
  });

  it('reports terms with their positions', () => {
    const filter = compileFilter('proc:sshd OR -pid:1 state:listen');
    expect(filter.ok).toBe(true);
    if (!filter.ok) return;
    expect(filter.clauses.map((c) => c.map((t) => t.field))).toEqual([['proc', 'pid'], ['state']]);
    expect(filter.terms[1]).toEqual({
      field: 'pid',
      value: '1',
      negated: true,
      start: 13,
      end: 19,
    });
  });
});

describe('compileFilter: errors point at the problem', () => {
  it('unknown field', () => {
    const { error, position } = failure('state:listen prcess:firefox');
    expect(error).toMatch(/Unknown field "prcess:"/);
    expect(error).toContain('proc');
    expect(position).toBe(13);
    expect(failure('-foo:bar').position).toBe(1);
  });

  it('bad port or range', () => {
    expect(failure('port:80x')).toMatchObject({ position: 5 });
    expect(failure('port:80x').error).toMatch(
      /"80x" is not a port \(a number 0-65535 or a service name/,
    );
    expect(failure('port:https,80x')).toMatchObject({ position: 11 });
    expect(failure('lport:70000').error).toMatch(/0-65535/);
    expect(failure('lport:2048-1024')).toMatchObject({
      error: expect.stringMatching(/backwards; write 1024-2048/),
      position: 6,
    });
    expect(failure('port:80,,443')).toMatchObject({ position: 8 });
    expect(failure('port:1-')).toMatchObject({ position: 5 });
    expect(failure('pid:abc').error).toMatch(/not a process id/);
    // The pid error shows how to write a pid, not a port.
    expect(failure('pid:abc').error).toContain('a number like 1234');
    expect(failure('pid:abc').error).not.toContain('80,443');
  });

  it('bad CIDR or address', () => {
    expect(failure('remote:10.0.0.0/33')).toMatchObject({
      error: expect.stringMatching(/0 to 32 for IPv4/),
      position: 16,
    });
    expect(failure('remote:fd00::/129').error).toMatch(/0 to 128 for IPv6/);
    expect(failure('remote:10.0.0.300/8')).toMatchObject({
      error: expect.stringMatching(/"10.0.0.300" is not an IP address/),
      position: 7,
    });
    expect(failure('local:10.0.0.256').error).toMatch(/not a valid IPv4 address/);
    expect(failure('remote:10.0.0.0/x').error).toMatch(/prefix length/);
  });

  it('unbalanced quote, empty values, stray OR and "-"', () => {
    expect(failure('proc:"web content')).toMatchObject({
      error: expect.stringMatching(/Unbalanced quote/),
      position: 5,
    });
    expect(failure('a "b')).toMatchObject({ position: 2 });
    expect(failure('port:').error).toMatch(/needs a value/);
    expect(failure('OR proc:a').error).toMatch(/OR needs a term/);
    expect(failure('proc:a OR').position).toBe(7);
    expect(failure('proc:a OR OR proc:b').position).toBe(10);
    expect(failure('proc:a - b').position).toBe(7);
    expect(failure('state:foo').error).toMatch(/unknown state "foo"/);
    expect(failure('state:c').error).toMatch(/could be CLOSE or CLOSE_WAIT or CLOSING/);
    expect(failure('proto:icmp').error).toMatch(/tcp, udp, tcp4/);
  });
});

describe('compileFilter: cost', () => {
  it('filters 10,000 rows with a plain word and several fields (checks results, not time)', () => {
    const many: Connection[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      many.push({ ...firefox, id: `r${i}`, localPort: 30000 + i, pid: 1000 + (i % 50) });
    }
    const filter = compileFilter('fire -pid:1000 lport:30000-30099 remote:142.250.0.0/15');
    expect(filter.ok).toBe(true);
    if (!filter.ok) return;
    // Twice: the second pass reads the cached row text, as the next keystroke would.
    for (let pass = 0; pass < 2; pass += 1) {
      expect(many.filter((r) => filter.test(r))).toHaveLength(98);
    }
  });
});
