// The whois cache reaches disk through backend.stop() (what the app calls on quit), so the next
// start answers from it without asking the registry again. A port-43 server on loopback (started
// by the test) stands in for the registry.
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createPlatformBackend } from '../../electron/platform';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';
import { refusingDialogs } from '../support/refusing-dialogs';

let dataDir: string;
let server: FakeWhoisServer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portscope-wiring-whois-'));
  const reply = await readFile(path.join(__dirname, '../fixtures/whois/arin-8.8.8.8.txt'), 'utf8');
  server = await startFakeWhoisServer({ kind: 'answer', reply: () => reply });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function backend() {
  return createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore({
      poll: { intervalMs: 1000, paused: true },
      lookup: {
        ...defaultLookupSettings,
        rdapEnabled: false,
        rdapBootstrapRefreshUrl: '',
        whoisServer: server.address,
        perServerIntervalMs: 0,
      },
    }),
    dialogs: refusingDialogs,
    emit: () => {},
    dataDir,
    pollSource: 'in-process',
    resolveNames: false,
  });
}

describe('whois cache across a backend restart', () => {
  it('stop() saves it; the next backend answers from it with no query', async () => {
    const first = backend();
    const answer = await first.handlers.whois('8.8.8.8');
    expect(answer.fromCache).toBe(false);
    expect(answer.networkName).toBeTruthy();
    expect(server.queries).toEqual(['8.8.8.8']);
    await first.stop();
    // Written by stop(), not by the cache's own 1 s timer.
    await access(path.join(dataDir, 'whois-cache.json'));

    const second = backend();
    const again = await second.handlers.whois('8.8.8.8');
    expect(again).toMatchObject({ fromCache: true, address: '8.8.8.8' });
    expect(server.queries).toHaveLength(1);
    await second.stop();
  });
});
