// Run by Windows Node under Wine (built by build-probe.ts): calls the Windows backend's own
// modules on the real (Wine) Win32 API and prints the answer as JSON, so the Windows suite can
// check each part for real: the table read, one process's details, identity, kill, close and
// the services list. `bench N` times N steady polls for `npm run bench`.
//   node windows-probe.js read | process PID | identity PID | kill PID START | services
//   node windows-probe.js close FAMILY LOCAL LPORT REMOTE RPORT | bench POLLS
import { PlatformError } from '../../../electron/platform/errors';
import { createWindowsBackend } from '../../../electron/platform/windows';
import { attachParentConsole } from '../../../electron/platform/windows/attach-console';
import { ProcessReader } from '../../../electron/platform/windows/process-reader';
import { loadWin32Api } from '../../../electron/platform/windows/win32-api';

function errorJson(error: unknown) {
  if (error instanceof PlatformError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  return { name: 'Error', code: 'UNEXPECTED', message: String(error) };
}

async function main(args: string[]): Promise<unknown> {
  const api = loadWin32Api();
  const backend = createWindowsBackend({ api });
  const [command, ...rest] = args;
  switch (command) {
    case 'read': {
      const read = backend.readSocketsSync();
      return { ...read, processes: [...read.processes.values()], wineVersion: backend.wineVersion };
    }
    case 'process': {
      const reader = new ProcessReader(api, { elevated: api.isElevated() });
      reader.refreshSnapshot();
      return reader.get(Number(rest[0]));
    }
    case 'identity':
      return backend.readProcessIdentity(Number(rest[0]));
    case 'kill':
      await backend.killProcess(Number(rest[0]), 'SIGTERM', { startTime: Number(rest[1]) });
      return { killed: true };
    case 'close':
      return backend.closeTcp({
        family: Number(rest[0]) === 6 ? 6 : 4,
        localAddress: rest[1]!,
        localPort: Number(rest[2]),
        remoteAddress: rest[3]!,
        remotePort: Number(rest[4]),
      });
    case 'console':
      // Output goes to a file here, so the packaged app's CLI would keep its redirected stdout.
      return { attached: attachParentConsole() !== null };
    case 'services': {
      const services = api.servicesByPid();
      return services.ok ? Object.fromEntries(services.value) : { error: services.code };
    }
    case 'bench': {
      // How much of each poll is Wine's GetExtendedTcpTable itself (its owner search).
      let tableMs = 0;
      const tcpTable = api.tcpTable.bind(api);
      api.tcpTable = (...call) => {
        const started = performance.now();
        const code = tcpTable(...call);
        tableMs += performance.now() - started;
        return code;
      };
      const timed = createWindowsBackend({ api });
      const durations: number[] = [];
      const tableDurations: number[] = [];
      let rows = 0;
      for (let i = 0; i < Number(rest[0] ?? 10); i += 1) {
        tableMs = 0;
        const started = performance.now();
        rows = timed.readSocketsSync().sockets.length;
        durations.push(performance.now() - started);
        tableDurations.push(tableMs);
      }
      return { durations, tableDurations, rows };
    }
    default:
      throw new Error(`unknown probe command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (result) => process.stdout.write(`${JSON.stringify({ ok: true, result })}\n`),
  (error: unknown) =>
    process.stdout.write(`${JSON.stringify({ ok: false, error: errorJson(error) })}\n`),
);
