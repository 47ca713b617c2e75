// The Windows backend: sockets from the IP Helper API (GetExtendedTcpTable/GetExtendedUdpTable,
// IPv4 and IPv6, with owning pids), process details from Toolhelp and the process itself,
// services from the Service Control Manager, traffic from TCP extended statistics, kill through
// TerminateProcess and close through SetTcpEntry. All Win32 calls go through koffi
// (win32-api.ts); everything that turns bytes into rows is pure and tested on byte fixtures.
// The calls are synchronous and quick; the app polls in a worker thread.
import type { ProcessInfo, RawSocket } from '../../../shared/model';
import { AddressText } from '../address-text';
import type { PlatformBackend, PlatformRead } from '../types';
import { closeWindowsTcp } from './close-socket';
import { GrowingBuffer } from './growing-buffer';
import { decodeTcpTable, decodeUdpTable, type WindowsTcpRow } from './ip-tables';
import { killWindowsProcess, readWindowsProcessIdentity } from './kill-process';
import { IDLE_PID, ProcessReader } from './process-reader';
import { TRAFFIC_NEEDS_ADMIN_WARNING, TcpTrafficReader } from './traffic';
import { loadWin32Api, type Win32Api } from './win32-api';
import { ADMIN_ADVICE } from './win32-errors';

export const NOT_ELEVATED_WARNING =
  "Portscope is not running as administrator: the path, command line and user of system and other users' " +
  `processes, and traffic counters, stay hidden. To see them, ${ADMIN_ADVICE}.`;

/**
 * Wine before 9.17 finds a socket's owner by looking for the socket among each Windows process's
 * open file descriptors; a Wine program holds one only after using the socket itself (the rest
 * live in wineserver), so many sockets come back as pid 0. 9.17 asks wineserver instead.
 */
export function wineOwnerWarning(wineVersion: string, unknown: number): string {
  return (
    `Wine ${wineVersion} names the owning process of only some sockets (those whose file ` +
    `descriptor the program itself holds; Wine 9.17 and later name them all): ${unknown} ` +
    `socket${unknown === 1 ? '' : 's'} show as owner unknown.`
  );
}

export interface WindowsBackend extends PlatformBackend {
  readonly os: 'win32';
  /** The same read, without the Promise (the poll worker and the CLI call it directly). */
  readSocketsSync(): PlatformRead;
  /** Wine's version when running under Wine (tests and the status bar say so), else null. */
  readonly wineVersion: string | null;
}

export interface WindowsBackendOptions {
  /** The Win32 API to call; the real one unless a test hands in another. */
  api?: Win32Api;
}

export function createWindowsBackend(options: WindowsBackendOptions = {}): WindowsBackend {
  const api = options.api ?? loadWin32Api();
  const elevated = api.isElevated();
  // Process Explorer and TCPView do the same: without SeDebugPrivilege even an administrator
  // cannot open most services' processes for their details.
  if (elevated) api.enableDebugPrivilege();
  const wine = api.wineVersion;
  const format = new AddressText();
  const buffers = {
    tcp4: new GrowingBuffer(),
    tcp6: new GrowingBuffer(),
    udp4: new GrowingBuffer(),
    udp6: new GrowingBuffer(),
  };
  const processes = new ProcessReader(api, { elevated });
  const traffic = new TcpTrafficReader(api, elevated);

  function readTcp(family: 4 | 6): { rows: WindowsTcpRow[]; malformed: number } {
    const bytes = buffers[family === 4 ? 'tcp4' : 'tcp6'].fill(
      (buffer, size) => api.tcpTable(buffer, size, family),
      `the TCP${family === 6 ? 'v6' : ''} table`,
    );
    return decodeTcpTable(bytes, bytes.length, family, format);
  }

  function readUdp(family: 4 | 6): { rows: RawSocket[]; malformed: number } {
    const bytes = buffers[family === 4 ? 'udp4' : 'udp6'].fill(
      (buffer, size) => api.udpTable(buffer, size, family),
      `the UDP${family === 6 ? 'v6' : ''} table`,
    );
    return decodeUdpTable(bytes, bytes.length, family, format);
  }

  function readSocketsSync(): PlatformRead {
    const warnings: string[] = [];
    let malformedLines = 0;
    const tcpRows: WindowsTcpRow[] = [];
    const sockets: RawSocket[] = [];
    for (const family of [4, 6] as const) {
      const tcp = readTcp(family);
      malformedLines += tcp.malformed;
      for (const row of tcp.rows) {
        tcpRows.push(row);
        sockets.push(row.socket);
      }
    }
    for (const family of [4, 6] as const) {
      const udp = readUdp(family);
      malformedLines += udp.malformed;
      for (const socket of udp.rows) sockets.push(socket);
    }

    const trafficWarning = traffic.fill(tcpRows);
    const snapshotWarning = processes.refreshSnapshot();
    if (snapshotWarning) warnings.push(snapshotWarning);

    const infos = new Map<number, ProcessInfo>();
    let unattributed = 0;
    for (const socket of sockets) {
      const pid = socket.pid;
      if (pid === null) continue;
      if (pid === IDLE_PID && wine !== null) {
        socket.pid = null;
        unattributed += 1;
        continue;
      }
      if (!infos.has(pid)) {
        const info = processes.get(pid);
        if (info) infos.set(pid, info);
      }
    }
    processes.retainOnly(new Set(infos.keys()));

    if (!elevated) warnings.push(NOT_ELEVATED_WARNING);
    if (unattributed > 0 && wine !== null) warnings.push(wineOwnerWarning(wine, unattributed));
    if (trafficWarning && !(trafficWarning === TRAFFIC_NEEDS_ADMIN_WARNING && !elevated)) {
      warnings.push(trafficWarning);
    }
    return {
      sockets,
      processes: infos,
      malformedLines,
      privileged: elevated && unattributed === 0,
      warnings,
    };
  }

  return {
    os: 'win32',
    wineVersion: wine,
    readSocketsSync,
    async readSockets() {
      return readSocketsSync();
    },
    async readProcessIdentity(pid) {
      return readWindowsProcessIdentity(api, pid);
    },
    async killProcess(pid, signal, killOptions) {
      killWindowsProcess(api, pid, signal, killOptions?.startTime);
    },
    async closeTcp(target) {
      return closeWindowsTcp(
        api,
        (wanted) => {
          for (const row of readTcp(4).rows) {
            const s = row.socket;
            if (
              s.localPort === wanted.localPort &&
              s.remotePort === wanted.remotePort &&
              s.localAddress === wanted.localAddress &&
              s.remoteAddress === wanted.remoteAddress
            ) {
              return s.state;
            }
          }
          return null;
        },
        target,
      );
    },
  };
}
