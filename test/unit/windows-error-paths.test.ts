// The Windows backend's answers to what only real Windows says: access denied (5), SetTcpEntry's
// 317 when not elevated, a process gone (87), EStats refused or missing. Wine never answers
// these (it runs everything as an administrator and stubs SetTcpEntry), so the Win32 calls are
// stood in for here; the same modules run against Wine's real API in windows-wine.test.ts.
import { describe, expect, it } from 'vitest';
import { buildRowMenu } from '../../electron/core/actions/row-menu-model';
import { protectedProcessReason } from '../../electron/core/actions/self-protection';
import {
  AccessDenied,
  AlreadyGone,
  NoSuchProcess,
  NotSupported,
  PlatformError,
} from '../../electron/platform/errors';
import { closeWindowsTcp, type CloseApi } from '../../electron/platform/windows/close-socket';
import type { WindowsTcpRow } from '../../electron/platform/windows/ip-tables';
import {
  criticalProcessReason,
  killWindowsProcess,
  readWindowsProcessIdentity,
  type KillApi,
} from '../../electron/platform/windows/kill-process';
import { ProcessReader, type ProcessApi } from '../../electron/platform/windows/process-reader';
import {
  TRAFFIC_NEEDS_ADMIN_WARNING,
  TcpTrafficReader,
  type TrafficApi,
} from '../../electron/platform/windows/traffic';
import type { Win32Result } from '../../electron/platform/windows/win32-api';
import { NO_TRAFFIC_COUNTERS } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

const ok = <T>(value: T): Win32Result<T> => ({ ok: true, value });
const fail = <T>(code: number): Win32Result<T> => ({ ok: false, code });
/** 2024-01-01T00:00:00Z as a FILETIME. */
const CREATED = 133485408000000000n;
const CREATED_MS = Date.UTC(2024, 0, 1);

const target = {
  family: 4 as const,
  localAddress: '10.0.0.2',
  localPort: 50000,
  remoteAddress: '93.184.216.34',
  remotePort: 443,
};

describe('close (SetTcpEntry)', () => {
  const api = (code: number, wineVersion: string | null = null): CloseApi & { calls: Buffer[] } => {
    const calls: Buffer[] = [];
    return { calls, wineVersion, setTcpEntry: (row) => (calls.push(row), code) };
  };

  it('treats 317 like 5: "run Portscope as administrator"', () => {
    for (const code of [5, 317]) {
      const call = () => closeWindowsTcp(api(code), () => 'ESTABLISHED', target);
      expect(call).toThrow(AccessDenied);
      expect(call).toThrow(/administrator/);
    }
  });

  it('sends MIB_TCP_STATE_DELETE_TCB with the exact tuple and confirms the connection is gone', () => {
    const calls = api(0);
    expect(closeWindowsTcp(calls, () => null, target)).toMatchObject({ closed: 1 });
    expect(calls.calls[0]!.toString('hex')).toBe(
      '0c000000' + '0a000002' + 'c3500000' + '5db8d822' + '01bb0000',
    );
  });

  it('does not believe a success when the connection is still open (Wine stubs SetTcpEntry)', () => {
    expect(() => closeWindowsTcp(api(0, '8.0'), () => 'ESTABLISHED', target)).toThrow(NotSupported);
    expect(() => closeWindowsTcp(api(0, '8.0'), () => 'ESTABLISHED', target)).toThrow(
      /Wine 8.0 cannot close/,
    );
    const windows = () => closeWindowsTcp(api(0), () => 'ESTABLISHED', target);
    expect(windows).toThrow(PlatformError);
    expect(windows).toThrow(/still ESTABLISHED/);
  });

  it('says "already closed" when the call failed because the connection went away', () => {
    expect(() => closeWindowsTcp(api(1168), () => null, target)).toThrow(AlreadyGone);
    expect(() => closeWindowsTcp(api(1168), () => 'ESTABLISHED', target)).toThrow(/error 1168/);
  });

  it('refuses IPv6 (no such API) but closes a v4 peer of a dual-stack socket', () => {
    const v6 = {
      ...target,
      family: 6 as const,
      localAddress: '2001:db8::2',
      remoteAddress: '2001:db8::1',
    };
    expect(() => closeWindowsTcp(api(0), () => null, v6)).toThrow(NotSupported);
    expect(() => closeWindowsTcp(api(0), () => null, v6)).toThrow(/Kill the owning process/);
    expect(closeWindowsTcp(api(0), () => null, { ...target, family: 6 })).toMatchObject({
      closed: 1,
    });
  });
});

function killApi(overrides: Partial<KillApi> = {}): KillApi & { terminated: number[] } {
  const terminated: number[] = [];
  return {
    terminated,
    processEntries: () => ok([{ pid: 4321, parentPid: 100, name: 'app.exe' }]),
    openProcess: () => ok(77),
    closeHandle: () => {},
    creationTime: () => ok(CREATED),
    imagePath: () => ok('C:\\Program Files\\App\\app.exe'),
    terminate: (handle) => (terminated.push(handle), 0),
    ...overrides,
  };
}

describe('kill (TerminateProcess)', () => {
  it('ends the process whose start time matches, on the handle it checked', () => {
    const api = killApi();
    killWindowsProcess(api, 4321, 'SIGTERM', CREATED_MS);
    expect(api.terminated).toEqual([77]);
  });

  it('does nothing to a reused pid', () => {
    const api = killApi();
    expect(() => killWindowsProcess(api, 4321, 'SIGKILL', CREATED_MS - 1)).toThrow(NoSuchProcess);
    expect(api.terminated).toEqual([]);
  });

  it('translates 5 (not elevated) and 87 (gone)', () => {
    expect(() =>
      killWindowsProcess(killApi({ openProcess: () => fail(5) }), 4321, 'SIGTERM'),
    ).toThrow(/administrator/);
    expect(() =>
      killWindowsProcess(killApi({ openProcess: () => fail(87) }), 4321, 'SIGTERM'),
    ).toThrow(NoSuchProcess);
    expect(() => killWindowsProcess(killApi({ terminate: () => 5 }), 4321, 'SIGTERM')).toThrow(
      AccessDenied,
    );
  });

  it('never ends Windows critical processes, nor pid 0 and 4', () => {
    const api = killApi({
      processEntries: () => ok([{ pid: 700, parentPid: 600, name: 'lsass.exe' }]),
      imagePath: () => ok('C:\\Windows\\System32\\lsass.exe'),
    });
    expect(() => killWindowsProcess(api, 700, 'SIGKILL')).toThrow(/critical Windows process/);
    expect(api.terminated).toEqual([]);
    expect(() => killWindowsProcess(api, 0, 'SIGKILL')).toThrow(/Refusing/);
    expect(criticalProcessReason(4, 'System', null)).toMatch(/kernel/);
    expect(criticalProcessReason(0, 'System Idle Process', null)).toMatch(/nothing to end/);
    for (const name of ['smss.exe', 'csrss.exe', 'wininit.exe', 'services.exe', 'lsass.exe']) {
      expect(criticalProcessReason(900, name, `C:\\Windows\\System32\\${name}`)).not.toBeNull();
    }
    // A look-alike outside System32 is exactly what someone may want to end.
    expect(criticalProcessReason(900, 'lsass.exe', 'C:\\Users\\Public\\lsass.exe')).toBeNull();
  });

  it('gives the actions an identity that refuses critical processes with the reason', () => {
    const api = killApi({
      processEntries: () => ok([{ pid: 800, parentPid: 4, name: 'csrss.exe' }]),
      openProcess: () => fail(5),
    });
    const who = readWindowsProcessIdentity(api, 800)!;
    expect(who).toMatchObject({ name: 'csrss.exe', startTime: null, executable: null });
    const self = { pid: 1, parentPid: 1, execPath: 'node.exe', electron: false };
    expect(protectedProcessReason(who, self)).toMatch(
      /csrss.exe \(pid 800\) is a critical Windows process/,
    );
    expect(readWindowsProcessIdentity(killApi(), 999)).toBeNull();
    expect(readWindowsProcessIdentity(killApi(), 4321)).toMatchObject({
      startTime: CREATED_MS,
      critical: null,
    });
  });
});

function processApi(overrides: Partial<ProcessApi> = {}): ProcessApi {
  return {
    processEntries: () =>
      ok([
        { pid: 4, parentPid: 0, name: 'System' },
        { pid: 1880, parentPid: 700, name: 'svchost.exe' },
      ]),
    openProcess: () => ok(5),
    closeHandle: () => {},
    creationTime: () => ok(CREATED),
    imagePath: () => ok('C:\\Windows\\System32\\svchost.exe'),
    queryProcess: () => fail(0xc0000022),
    readMemory: () => fail(5),
    processUser: () => ok({ domain: 'NT AUTHORITY', user: 'NETWORK SERVICE' }),
    servicesByPid: () => ok(new Map([[1880, ['Dnscache', 'NlaSvc']]])),
    versionBlock: () => fail(1813),
    ...overrides,
  };
}

describe('process details and their notes', () => {
  it('names what is hidden and why when not elevated', () => {
    const reader = new ProcessReader(processApi({ openProcess: () => fail(5) }), {
      elevated: false,
    });
    reader.refreshSnapshot();
    expect(reader.get(1880)).toMatchObject({
      name: 'svchost.exe',
      parentPid: 700,
      path: null,
      services: 'Dnscache, NlaSvc',
      note: 'Path, command line, user and start time hidden: run Portscope as administrator (right-click it, then "Run as administrator").',
    });
    const elevated = new ProcessReader(processApi({ openProcess: () => fail(5) }), {
      elevated: true,
    });
    elevated.refreshSnapshot();
    expect(elevated.get(1880)?.note).toMatch(/protects this process even from administrators/);
  });

  it('keeps what it could read and names each missing part', () => {
    const reader = new ProcessReader(processApi(), { elevated: true });
    reader.refreshSnapshot();
    expect(reader.get(1880)).toMatchObject({
      path: 'C:\\Windows\\System32\\svchost.exe',
      user: 'NT AUTHORITY\\NETWORK SERVICE',
      startTime: CREATED_MS,
      commandLine: null,
      company: null,
      note: 'Command line unreadable (NTSTATUS 0xc0000022).',
    });
  });

  it('tells "no version resource" (a finding) from "unreadable" (unknown)', () => {
    const none = new ProcessReader(
      processApi({
        queryProcess: (_handle, infoClass) =>
          infoClass === 60 ? fail(0xc0000003) : ok({ bytes: Buffer.alloc(48), address: 0n }),
      }),
      {
        elevated: true,
      },
    );
    none.refreshSnapshot();
    // 0xc0000003: no ProcessCommandLineInformation, and the PEB could not be read either.
    expect(none.get(1880)?.note).toBe(
      'Command line hidden: Windows protects this process even from administrators.',
    );
    const unreadable = new ProcessReader(processApi({ versionBlock: () => fail(5) }), {
      elevated: true,
    });
    unreadable.refreshSnapshot();
    expect(unreadable.get(1880)?.note).toMatch(/version information unreadable \(error 5/);
  });

  it('names System and the idle process as TCPView does', () => {
    const reader = new ProcessReader(processApi(), { elevated: true });
    reader.refreshSnapshot();
    expect(reader.get(4)).toMatchObject({
      name: 'System',
      path: null,
      note: expect.stringMatching(/kernel/),
    });
    expect(reader.get(0)).toMatchObject({
      name: 'System Idle Process',
      note: expect.stringMatching(/TIME_WAIT/),
    });
    expect(reader.get(555)).toBeNull();
  });

  it('reads a reused pid afresh (the creation time changed)', () => {
    let created = CREATED;
    let paths = 0;
    const reader = new ProcessReader(
      processApi({
        creationTime: () => ok(created),
        imagePath: () => (paths++, ok('C:\\Windows\\System32\\svchost.exe')),
      }),
      { elevated: true },
    );
    reader.refreshSnapshot();
    reader.get(1880);
    reader.get(1880);
    expect(paths).toBe(1);
    created += 10_000_000n;
    expect(reader.get(1880)?.startTime).toBe(CREATED_MS + 1000);
    expect(paths).toBe(2);
  });
});

function tcpRow(state: 'ESTABLISHED' | 'LISTEN', localPort: number): WindowsTcpRow {
  return {
    socket: {
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort,
      remoteAddress: state === 'LISTEN' ? null : '127.0.0.1',
      remotePort: state === 'LISTEN' ? null : 9000,
      state,
      inode: null,
      socketUid: null,
      pid: 10,
      ...NO_TRAFFIC_COUNTERS,
    },
    stateCode: state === 'LISTEN' ? 2 : 5,
    localScopeId: 0,
    remoteScopeId: 0,
  };
}

describe('traffic counters (TCP EStats)', () => {
  function trafficApi(setCode: number, getCode = 0): TrafficApi & { sets: number } {
    const api = {
      sets: 0,
      wineVersion: null,
      hasEstats: () => true,
      setEstats: () => (api.sets++, setCode),
      getEstats: (_family: 4 | 6, _row: Buffer, _type: number, rod: Buffer) => {
        rod.writeBigUInt64LE(1500n, 0);
        rod.writeBigUInt64LE(300n, 16);
        rod.writeBigUInt64LE(3n, 32);
        rod.writeBigUInt64LE(2n, 40);
        return getCode;
      },
    };
    return api;
  }

  it('switches collection on once per connection and fills the counters', () => {
    const api = trafficApi(0);
    const reader = new TcpTrafficReader(api, true);
    const rows = [tcpRow('ESTABLISHED', 5000), tcpRow('LISTEN', 5001)];
    expect(reader.fill(rows)).toBeNull();
    expect(rows[0]!.socket).toMatchObject({
      bytesSent: 1500,
      bytesReceived: 300,
      packetsSent: 3,
      packetsReceived: 2,
    });
    expect(rows[1]!.socket.bytesSent).toBeNull();
    reader.fill([tcpRow('ESTABLISHED', 5000)]);
    expect(api.sets).toBe(1);
  });

  it('says administrator rights are needed when Windows refuses, and stops asking', () => {
    const api = trafficApi(5);
    const reader = new TcpTrafficReader(api, true);
    expect(reader.fill([tcpRow('ESTABLISHED', 5000)])).toBe(TRAFFIC_NEEDS_ADMIN_WARNING);
    reader.fill([tcpRow('ESTABLISHED', 5000)]);
    expect(api.sets).toBe(1);
    expect(new TcpTrafficReader(trafficApi(0), false).fill([tcpRow('ESTABLISHED', 1)])).toBe(
      TRAFFIC_NEEDS_ADMIN_WARNING,
    );
  });

  it('says so when this Windows (or Wine) has no EStats', () => {
    const missing = { ...trafficApi(0), hasEstats: () => false, wineVersion: '8.0' };
    expect(new TcpTrafficReader(missing, true).fill([tcpRow('ESTABLISHED', 1)])).toMatch(
      /not available under Wine 8.0/,
    );
    expect(new TcpTrafficReader(trafficApi(50), true).fill([tcpRow('ESTABLISHED', 1)])).toMatch(
      /does not provide per-connection TCP statistics/,
    );
  });
});

describe('the row menu on Windows', () => {
  it('says IPv6 cannot be closed there and offers Kill Process instead', () => {
    const v6 = makeConnection({
      family: 6,
      localAddress: '2001:db8::2',
      remoteAddress: '2001:db8::1',
    });
    const menu = buildRowMenu([v6], { os: 'win32', selfPid: 1 });
    expect(menu.find((entry) => entry.command === 'close')).toMatchObject({
      enabled: false,
      label: 'Close Connection (Windows cannot close IPv6 connections: use Kill Process)',
    });
    expect(menu.find((entry) => entry.command === 'kill')).toMatchObject({
      enabled: true,
      label: 'Kill Process',
    });
    // An IPv4 peer on a dual-stack socket is an IPv4 connection underneath: SetTcpEntry closes it.
    const mapped = makeConnection({ family: 6 });
    expect(buildRowMenu([mapped], { os: 'win32', selfPid: 1 })[0]).toMatchObject({ enabled: true });
  });
});
