// Native confirmations show outside text with its controls marked (issue 13.5): a real process
// whose title holds a right-to-left override (so "gnp.exe" would read "exe.png") and a newline
// followed by a forged dialog line, killed and its connection closed through the same handlers
// the renderer calls; and a lookup-server change whose values the page chose. Every dialog is
// declined here, so nothing is killed, closed or changed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { ConfirmAnswer, ConfirmRequest, Dialogs } from '../../electron/core/context';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createLinuxBackend } from '../../electron/platform/linux';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

class DecliningDialogs implements Dialogs {
  asked: ConfirmRequest[] = [];
  async confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
    this.asked.push(request);
    return { confirmed: false, checkboxChecked: false };
  }
  async saveFile(): Promise<string | null> {
    return null;
  }
  async openFile(): Promise<string | null> {
    return null;
  }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
// 13 bytes: the kernel keeps the whole of it as the process name (comm, at most 15 bytes).
const TITLE = 'x\u202egnp\n user';
const SHOWN = 'x⟦U+202E⟧gnp␊ user';

const dialogs = new DecliningDialogs();
let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portscope-dialog-text-'));
  backend = createBackend({
    platform: createLinuxBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs,
    emit: () => {},
    dataDir,
    pollSource: 'in-process',
  });
  await backend.start();
});

afterAll(async () => {
  await stopAllSocketChildren();
  await backend.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function hostileConnection() {
  const server = await spawnSocketChild();
  const client = await spawnSocketChild({ title: TITLE });
  const listener = await server.listenTcp('127.0.0.1');
  const connection = await client.connectTcp('127.0.0.1', listener.port);
  await backend.handlers.refreshNow();
  const row = [...backend.table.rows()].find(
    (r) => r.pid === client.pid && r.localPort === connection.localPort,
  );
  expect(row?.processName).toBe(TITLE);
  return { client, row: row! };
}

const lines = (request: ConfirmRequest) => `${request.message}\n${request.detail ?? ''}`;

describe('confirmation dialogs show controls marked', () => {
  it('kill: the name and path cannot read backwards or add a line', async () => {
    const { client, row } = await hostileConnection();
    dialogs.asked = [];
    const [report] = await backend.handlers.killProcesses([{ pid: client.pid }]);
    expect(report!.outcome).toBe('cancelled');
    const [request] = dialogs.asked;
    expect(lines(request!)).not.toMatch(HIDDEN);
    expect(request!.message).toBe(`Kill ${SHOWN} (pid ${client.pid})?`);
    // Exactly the three lines of one process, then the warning: no forged "user root" line.
    expect(request!.detail!.split('\n').slice(0, 3)).toEqual([
      `${SHOWN} (pid ${client.pid})`,
      `    ${row.processPath}`,
      `    user ${row.user}`,
    ]);
    expect(client.process.exitCode).toBeNull();
  });

  it('close: the owner named in the question', async () => {
    const { client, row } = await hostileConnection();
    dialogs.asked = [];
    await backend.handlers.closeConnections([
      {
        localAddress: row.localAddress,
        localPort: row.localPort,
        remoteAddress: row.remoteAddress!,
        remotePort: row.remotePort!,
      },
    ]);
    const [request] = dialogs.asked;
    expect(lines(request!)).not.toMatch(HIDDEN);
    expect(request!.message).toContain(`of ${SHOWN} (pid ${client.pid})?`);
  });

  it('any other confirmation: values the page chose', async () => {
    dialogs.asked = [];
    const result = await backend.handlers.changeProtectedSetting({
      kind: 'lookupServers',
      dnsServers: [],
      whoisServer: defaultLookupSettings.whoisServer,
      rdapBootstrap: 'https://rdap.example/\u202e/moc.elgoog',
      rdapBootstrapRefreshUrl: defaultLookupSettings.rdapBootstrapRefreshUrl,
    });
    expect(result.changed).toBe(false);
    const [request] = dialogs.asked;
    expect(lines(request!)).not.toMatch(HIDDEN);
    expect(request!.detail).toContain('https://rdap.example/⟦U+202E⟧/moc.elgoog');
  });
});
