// The backend run as an unprivileged user (nobody, through setpriv): another user's socket stays
// in the table with owner unknown, the user's own sockets are still attributed, and the read says
// it is not privileged; the table still comes through sock_diag (dumps need no privilege). The
// backend is bundled into one plain .mjs file first (support/script-as-user.ts), because nobody
// cannot run TypeScript and the app's full build may not exist yet; koffi sits beside the bundle,
// as in the app.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSocket } from '../../shared/model';
import { AS_NOBODY, bundleUserScript, type UserScript } from '../support/script-as-user';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

const isRoot = process.getuid?.() === 0;
const backendEntry = fileURLToPath(
  new URL('../../electron/platform/linux/index.ts', import.meta.url),
);
let script: UserScript | null = null;

interface NobodyRead {
  uid: number;
  privileged: boolean;
  warnings: string[];
  sources: Record<string, string>;
  sockets: RawSocket[];
}

beforeAll(async () => {
  if (!isRoot) return;
  script = await bundleUserScript(
    'read-as-user',
    `import { createLinuxBackend } from ${JSON.stringify(backendEntry)};
const backend = createLinuxBackend();
const read = backend.readSocketsSync();
process.stdout.write(JSON.stringify({ uid: process.getuid(), privileged: read.privileged, warnings: read.warnings, sources: backend.lastTableSources(), sockets: read.sockets }));
`,
  );
}, 60_000);

afterAll(async () => {
  await stopAllSocketChildren();
  script?.remove();
});

describe.runIf(isRoot)('the backend run as nobody', () => {
  it("shows root's socket with owner unknown and its own socket with its pid", async () => {
    const rootChild = await spawnSocketChild({ title: 'portscope-linux-root' });
    const rootListener = await rootChild.listenTcp('127.0.0.1');
    const nobodyChild = await spawnSocketChild({
      title: 'portscope-linux-nobody',
      wrapper: AS_NOBODY,
    });
    const nobodyListener = await nobodyChild.listenTcp('::1');

    const read = JSON.parse(script!.runAsNobody()) as NobodyRead;
    expect(read.uid).toBe(65534);
    expect(read.privileged).toBe(false);
    expect(read.warnings).toContain(
      "Other users' sockets show as owner unknown: seeing which process owns them needs administrator rights (in the window: Show all processes…; on the command line: sudo).",
    );
    const rootSocket = read.sockets.find(
      (s) => s.localPort === rootListener.port && s.state === 'LISTEN',
    );
    expect(read.sources).toEqual({
      tcp: 'sock-diag',
      tcp6: 'sock-diag',
      udp: 'sock-diag',
      udp6: 'sock-diag',
    });
    // tcp_info is not privileged either: counters for root's socket too.
    expect(rootSocket).toMatchObject({
      localAddress: '127.0.0.1',
      pid: null,
      socketUid: 0,
      bytesSent: 0,
      bytesReceived: 0,
    });
    const ownSocket = read.sockets.find(
      (s) => s.localPort === nobodyListener.port && s.state === 'LISTEN',
    );
    expect(ownSocket).toMatchObject({
      localAddress: '::1',
      pid: nobodyChild.pid,
      socketUid: 65534,
    });

    await rootChild.exit();
    await nobodyChild.exit();
  });
});
