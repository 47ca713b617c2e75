// The filter box as issue 14 asks: port terms take the service names the table shows
// ("port:https", as people say it), pid:none finds rows whose process is not known, and each
// error shows how to write that field's value.
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../shared/filter';
import type { Connection } from '../../shared/model';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

// Rows as the port-name enricher leaves them (names from /etc/services, none in the dynamic range).
const browser = makeConnection({
  id: 'browser',
  localPort: 51844,
  remoteAddress: '142.250.185.78',
  remotePort: 443,
  remotePortName: 'https',
});
const ssh = makeConnection({
  id: 'ssh',
  localPort: 22,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  localPortName: 'ssh',
});
const alt = makeConnection({
  id: 'alt',
  localPort: 8080,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  localPortName: 'http-alt',
});
const closing = makeConnection({ id: 'closing', ...UNOWNED, state: 'TIME_WAIT' });
const rows = [browser, ssh, alt, closing];

function matching(text: string): string[] {
  const compiled = compileFilter(text);
  if (!compiled.ok) throw new Error(compiled.error);
  return rows.filter((row: Connection) => compiled.test(row)).map((row) => row.id);
}

describe('port terms with service names', () => {
  it('port:https matches the row whose remote port is named https', () => {
    expect(matching('port:https')).toEqual(['browser']);
    expect(matching('port:HTTPS')).toEqual(['browser']);
    expect(matching('rport:https')).toEqual(['browser']);
    expect(matching('lport:https')).toEqual([]);
  });

  it('names with dashes, and names mixed with numbers in one list', () => {
    expect(matching('lport:http-alt')).toEqual(['alt']);
    expect(matching('port:ssh,443')).toEqual(['browser', 'ssh']);
    expect(matching('-port:ssh,http-alt')).toEqual(['browser', 'closing']);
  });

  it('a name no row carries matches nothing (it is not an error)', () => {
    expect(matching('port:gopher')).toEqual([]);
  });
});

describe('pid:none', () => {
  it('finds rows without a known process, and -pid:none hides them', () => {
    expect(matching('pid:none')).toEqual(['closing']);
    expect(matching('-pid:none')).toEqual(['browser', 'ssh', 'alt']);
  });
});
