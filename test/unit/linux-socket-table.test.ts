// Where the Linux socket table comes from: sock_diag first (here a FakeKernel replaying replies
// captured from the real kernel), /proc/net (a captured fixture /proc) for each table sock_diag
// cannot give, with a warning only when traffic counters are lost, and sock_diag tried again later.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotSupported } from '../../electron/platform/errors';
import { createLinuxBackend } from '../../electron/platform/linux';
import { LinuxSocketTable } from '../../electron/platform/linux/socket-table';
import {
  FakeKernel,
  capturedDatagrams,
  endMessage,
  tableOf,
  type SeenRequest,
} from '../support/sock-diag-bytes';

const fixtureProc = fileURLToPath(new URL('../fixtures/linux/proc', import.meta.url));
const PROC_FIXTURE_ROWS = { tcp: 6, tcp6: 5, udp: 2, udp6: 2 };

const replay = (request: SeenRequest) => capturedDatagrams(tableOf(request), request.seq);

function tableWith(kernel: FakeKernel | (() => never), retrySockDiagMs?: number) {
  return new LinuxSocketTable({
    procRoot: fixtureProc,
    source: 'sock-diag',
    openSockDiag: kernel instanceof FakeKernel ? kernel.open : kernel,
    retrySockDiagMs,
    littleEndian: true,
  });
}

describe('LinuxSocketTable', () => {
  it('reads every table through sock_diag when it can, with counters and no warning', () => {
    const kernel = new FakeKernel(replay);
    const read = tableWith(kernel).read();
    expect(read.sources).toEqual({
      tcp: 'sock-diag',
      tcp6: 'sock-diag',
      udp: 'sock-diag',
      udp6: 'sock-diag',
    });
    expect(read.warnings).toEqual([]);
    expect(read.malformedLines).toBe(0);
    expect(read.sockets.some((s) => s.protocol === 'tcp' && (s.bytesSent ?? 0) > 0)).toBe(true);
    // TCP of both families in one dump (one walk of the kernel's table), UDP per family.
    expect(kernel.requests.map(tableOf)).toEqual(['tcp-both', 'udp', 'udp6']);
  });

  it('falls back to /proc/net when no sock_diag socket can be opened, and says what is lost', () => {
    const read = tableWith(() => {
      throw new NotSupported(
        "The kernel's sock_diag interface cannot be opened: netlink sockets are forbidden here.",
      );
    }).read();
    expect(Object.values(read.sources)).toEqual(['proc', 'proc', 'proc', 'proc']);
    expect(read.sockets).toHaveLength(
      PROC_FIXTURE_ROWS.tcp +
        PROC_FIXTURE_ROWS.tcp6 +
        PROC_FIXTURE_ROWS.udp +
        PROC_FIXTURE_ROWS.udp6,
    );
    expect(read.sockets.every((s) => s.bytesSent === null && s.packetsReceived === null)).toBe(
      true,
    );
    expect(read.warnings).toEqual([
      "Traffic counters are not shown: The kernel's sock_diag interface cannot be opened: " +
        'netlink sockets are forbidden here. Sockets are read from /proc/net instead, which has none.',
    ]);
  });

  it('reads from /proc only the table the kernel refuses (no udp_diag module), silently', () => {
    const kernel = new FakeKernel((request) =>
      request.protocol === 17 ? [endMessage(2, request.seq, 2)] : replay(request),
    );
    const read = tableWith(kernel).read();
    expect(read.sources).toEqual({
      tcp: 'sock-diag',
      tcp6: 'sock-diag',
      udp: 'proc',
      udp6: 'proc',
    });
    // UDP has no counters either way: nothing is lost, nothing to warn about.
    expect(read.warnings).toEqual([]);
    const udp = read.sockets.filter((s) => s.protocol === 'udp');
    expect(udp).toHaveLength(PROC_FIXTURE_ROWS.udp + PROC_FIXTURE_ROWS.udp6);
  });

  it('tries sock_diag again for a failed table once the retry time has passed', () => {
    let refuseTcp = true;
    const kernel = new FakeKernel((request) =>
      refuseTcp && request.protocol === 6
        ? [endMessage(3, request.seq, 16)] // EBUSY, say
        : replay(request),
    );
    const table = tableWith(kernel, 10_000);
    const first = table.read(1_000);
    expect(first.sources).toMatchObject({ tcp: 'proc', tcp6: 'proc', udp: 'sock-diag' });
    expect(first.warnings).toEqual([
      'Traffic counters are not shown: The kernel refused a tcp dump: EBUSY. Sockets are read ' +
        'from /proc/net instead, which has none.',
    ]);
    refuseTcp = false;
    const asked = kernel.requests.length;
    const soon = table.read(5_000);
    expect(soon.sources.tcp).toBe('proc');
    expect(kernel.requests.slice(asked).map(tableOf)).toEqual(['udp', 'udp6']);
    const later = table.read(11_000);
    expect(later.sources).toMatchObject({ tcp: 'sock-diag', tcp6: 'sock-diag' });
    expect(later.warnings).toEqual([]);
  });

  it('is /proc/net only when asked, and by default for a fixture proc root', () => {
    const kernel = new FakeKernel(replay);
    const table = new LinuxSocketTable({
      procRoot: fixtureProc,
      source: 'proc',
      openSockDiag: kernel.open,
      littleEndian: true,
    });
    expect(Object.values(table.read().sources)).toEqual(['proc', 'proc', 'proc', 'proc']);
    const backend = createLinuxBackend({ procRoot: fixtureProc, openSockDiag: kernel.open });
    backend.readSocketsSync();
    expect(Object.values(backend.lastTableSources())).toEqual(['proc', 'proc', 'proc', 'proc']);
    expect(kernel.opened).toBe(0);
  });
});
