// Pure parts of the actions: ss arguments and output, the right-click menu model, who may never
// be killed, and the CLI's close patterns.
import { describe, expect, it } from 'vitest';
import { displayAddress } from '../../shared/contract/actions';
import type { Connection } from '../../shared/model';
import { matchClosePattern, parseClosePattern } from '../../electron/core/actions/close-pattern';
import { buildRowMenu, type RowMenuFacts } from '../../electron/core/actions/row-menu-model';
import {
  protectedProcessReason,
  type SelfFacts,
} from '../../electron/core/actions/self-protection';
import {
  countSsSocketLines,
  ssFilterArgs,
  translateSsStderr,
} from '../../electron/platform/linux/close-socket';
import { makeConnection } from '../support/connection-fixture';

function row(fields: Partial<Connection>): Connection {
  return makeConnection({
    id: 'x',
    localPort: 5000,
    remotePort: 40000,
    processName: 'curl',
    processPath: '/usr/bin/curl',
    commandLine: 'curl x',
    user: 'alice',
    processStartTime: 1,
    firstSeen: 1,
    ...fields,
  });
}

describe('ss -K arguments', () => {
  it('names the exact 4-tuple with the socket family', () => {
    const tuple = {
      localAddress: '127.0.0.1',
      localPort: 5000,
      remoteAddress: '10.0.0.2',
      remotePort: 443,
    };
    expect(ssFilterArgs({ family: 4, ...tuple })).toEqual([
      '-t',
      '-n',
      '-4',
      'src',
      '127.0.0.1',
      'sport',
      '=',
      '5000',
      'dst',
      '10.0.0.2',
      'dport',
      '=',
      '443',
    ]);
    // A v4 peer on a tcp6 socket: the kernel stores ::ffff:a.b.c.d.
    expect(ssFilterArgs({ family: 6, ...tuple })).toEqual([
      '-t',
      '-n',
      '-6',
      'src',
      '[::ffff:127.0.0.1]',
      'sport',
      '=',
      '5000',
      'dst',
      '[::ffff:10.0.0.2]',
      'dport',
      '=',
      '443',
    ]);
    expect(
      ssFilterArgs({
        family: 6,
        localAddress: '2001:DB8:0::1',
        localPort: 1,
        remoteAddress: '::1',
        remotePort: 2,
      }).slice(3, 5),
    ).toEqual(['src', '[2001:db8::1]']);
  });

  it('refuses anything that is not a plain address or a port, so nothing else reaches ss', () => {
    const ok = {
      family: 4 as const,
      localAddress: '127.0.0.1',
      localPort: 1,
      remoteAddress: '127.0.0.1',
      remotePort: 2,
    };
    expect(() => ssFilterArgs({ ...ok, localAddress: '127.0.0.1 or 1' })).toThrow(/Not an IP/);
    expect(() => ssFilterArgs({ ...ok, localAddress: '0x7f.1' })).toThrow(/dotted-quad/);
    expect(() => ssFilterArgs({ ...ok, remoteAddress: '::1' })).toThrow(/IPv4 socket/);
    expect(() => ssFilterArgs({ ...ok, localPort: 0 })).toThrow(/port/);
    expect(() => ssFilterArgs({ ...ok, remotePort: 65536 })).toThrow(/port/);
  });

  it('counts the sockets ss printed, and reads its complaints', () => {
    // Captured from ss (iproute2 6.1) -K on this machine.
    const killed =
      'State Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n' +
      'ESTAB 0      0          127.0.0.1:54794    127.0.0.1:43313       \n';
    expect(countSsSocketLines(killed)).toBe(1);
    expect(
      countSsSocketLines('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n'),
    ).toBe(0);
    const target = {
      family: 4 as const,
      localAddress: '127.0.0.1',
      localPort: 1,
      remoteAddress: '127.0.0.1',
      remotePort: 2,
    };
    expect(
      translateSsStderr('SOCK_DESTROY answers: Operation not permitted\n', target),
    ).toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringMatching(/retry with them \(pkexec\), or choose Show all processes/),
    });
    expect(
      translateSsStderr('SOCK_DESTROY answers: Operation not supported\n', target)?.message,
    ).toMatch(/CONFIG_INET_DIAG_DESTROY=y/);
    expect(translateSsStderr('', target)).toBeNull();
  });
});

describe('right-click menu model', () => {
  const linux: RowMenuFacts = { os: 'linux', selfPid: 99 };
  const item = (rows: Connection[], command: string, facts = linux) =>
    buildRowMenu(rows, facts).find((entry) => entry.command === command)!;

  it('enables close and kill for an established TCP row', () => {
    expect(item([row({})], 'close')).toMatchObject({ enabled: true, label: 'Close Connection' });
    expect(item([row({})], 'kill')).toMatchObject({ enabled: true, label: 'Kill Process' });
  });

  it('says why close or kill does not apply', () => {
    expect(item([row({ protocol: 'udp', state: null })], 'close')).toMatchObject({
      enabled: false,
      label: 'Close Connection (UDP has no connection)',
    });
    expect(
      item([row({ state: 'LISTEN', remoteAddress: null, remotePort: null })], 'close').label,
    ).toMatch(/listening socket/);
    expect(item([row({ pid: null })], 'kill')).toMatchObject({
      enabled: false,
      label: 'Kill Process (owner not visible: Show all processes…)',
    });
    expect(item([row({ pid: 99 })], 'kill').label).toMatch(/Portscope itself/);
    expect(item([row({})], 'close', { os: 'darwin', selfPid: 99 }).label).toMatch(
      /macOS.*Kill Process/,
    );
    expect(
      item([row({ family: 6, localAddress: '::1', remoteAddress: '::1' })], 'close', {
        os: 'win32',
        selfPid: 99,
      }).label,
    ).toMatch(/Windows cannot close IPv6/);
    expect(item([row({ family: 6 })], 'close', { os: 'win32', selfPid: 99 }).enabled).toBe(true);
  });

  it('counts a multi-selection, each process once', () => {
    const rows = [
      row({ id: 'a' }),
      row({ id: 'b', localPort: 5001 }),
      row({ id: 'c', pid: 7 }),
      row({ id: 'd', protocol: 'udp', state: null }),
    ];
    expect(item(rows, 'close').label).toBe('Close 3 Connections');
    expect(item(rows, 'kill').label).toBe('Kill 2 Processes');
    expect(item(rows, 'copy').label).toBe('Copy 4 Rows');
    expect(item(rows, 'markKnown').enabled).toBe(false);
  });
});

describe('processes never killed', () => {
  const self: SelfFacts = {
    pid: 500,
    parentPid: 400,
    execPath: '/opt/Portscope/portscope',
    electron: true,
  };
  const who = (fields: Partial<Parameters<typeof protectedProcessReason>[0]>) => ({
    pid: 1234,
    name: 'x',
    parentPid: 1,
    startTime: 1,
    executable: '/usr/bin/x',
    kernelThread: false,
    ...fields,
  });

  it('refuses init, kernel threads, Portscope and its helpers; allows the rest', () => {
    expect(protectedProcessReason(who({ pid: 1 }), self)).toMatch(/init process/);
    expect(protectedProcessReason(who({ kernelThread: true }), self)).toMatch(/kernel thread/);
    expect(protectedProcessReason(who({ pid: 500 }), self)).toMatch(/Portscope itself/);
    expect(protectedProcessReason(who({ pid: 400, executable: self.execPath }), self)).toMatch(
      /main process/,
    );
    expect(
      protectedProcessReason(who({ parentPid: 500, executable: self.execPath }), self),
    ).toMatch(/helper/);
    expect(protectedProcessReason(who({ parentPid: 500 }), self)).toBeNull();
    // Under plain Node (CLI, tests) children running node are other programs, not Portscope.
    expect(
      protectedProcessReason(who({ parentPid: 500, executable: self.execPath }), {
        ...self,
        electron: false,
      }),
    ).toBeNull();
  });
});

describe('CLI close patterns (CurrPorts /close)', () => {
  it('matches * wildcards and normalises addresses', () => {
    const pattern = parseClosePattern(['*', '*', '::ffff:10.0.0.2', '443']);
    expect(displayAddress('::FFFF:10.0.0.2')).toBe('10.0.0.2');
    expect(matchClosePattern(pattern, row({ remoteAddress: '10.0.0.2', remotePort: 443 }))).toBe(
      true,
    );
    expect(matchClosePattern(pattern, row({ remoteAddress: '10.0.0.2', remotePort: 80 }))).toBe(
      false,
    );
    expect(
      matchClosePattern(
        pattern,
        row({ remoteAddress: '10.0.0.2', remotePort: 443, protocol: 'udp', state: null }),
      ),
    ).toBe(false);
    expect(
      matchClosePattern(
        pattern,
        row({ remoteAddress: '10.0.0.2', remotePort: 443, state: 'LISTEN' }),
      ),
    ).toBe(false);
  });

  it('rejects malformed patterns', () => {
    expect(() => parseClosePattern(['*', '*', '*'])).toThrow(/four/);
    expect(() => parseClosePattern(['1.2.3', '*', '*', '*'])).toThrow(/address/);
    expect(() => parseClosePattern(['*', '99999', '*', '*'])).toThrow(/port/);
  });
});
