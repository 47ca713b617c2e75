// The macOS backend: the lsof backend (electron/platform/lsof) with what only macOS has:
//   - the socket table from BSD netstat (`-anlb`, every user's sockets without root) with each
//     socket's byte counters, the traffic columns on macOS (netstat-bsd-parser.ts);
//   - process names cut at 31 characters (proc_bsdinfo pbi_name, 2 × MAXCOMLEN), not 15;
//   - no close: macOS cannot reset another program's connection (close-connection.ts);
//   - kill by signal with the user's rights (sudo for other users' processes: without root,
//     lsof does not list them, so their rows have no pid to kill anyway).
import { PlatformError } from '../errors';
import type { CommandRunner } from '../lsof/command-runner';
import { createLsofBackend, type LsofBackend, type SocketTableSource } from '../lsof';
import type { SocketTable } from '../lsof/netstat-linux-parser';
import { killWithoutElevation } from '../lsof/process-identity';
import { closeTcpOnDarwin } from './close-connection';
import { bsdNetstatArgs, parseBsdNetstatTable } from './netstat-bsd-parser';

/** netstat once per protocol (TCP, UDP), both at once. */
export const bsdNetstatTable: SocketTableSource = {
  async read(run: CommandRunner): Promise<SocketTable | null> {
    const runs = await Promise.all([
      run('netstat', bsdNetstatArgs('tcp')),
      run('netstat', bsdNetstatArgs('udp')),
    ]);
    const table: SocketTable = { sockets: [], malformedLines: 0 };
    for (const result of runs) {
      if (result.status !== 0 && result.stdout.trim() === '') {
        throw new PlatformError('OS_ERROR', `netstat failed: ${result.stderr.trim()}`);
      }
      const parsed = parseBsdNetstatTable(result.stdout);
      table.sockets.push(...parsed.sockets);
      table.malformedLines += parsed.malformedLines;
    }
    return table;
  },
};

export interface DarwinBackendOptions {
  /** Tests hand in a runner that answers with macOS-format text. */
  run?: CommandRunner;
  root?: boolean;
}

export function createDarwinBackend(options: DarwinBackendOptions = {}): LsofBackend {
  return createLsofBackend({
    run: options.run,
    root: options.root,
    os: 'darwin',
    table: bsdNetstatTable,
    probeDenied: false,
    nameCutLength: 31,
    killProcess: killWithoutElevation,
    closeTcp: closeTcpOnDarwin,
  });
}
