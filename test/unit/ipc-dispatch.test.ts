// What main does with each invoke: sender check, argument validation, handler errors as an
// envelope. The handlers are the real backend's (not started: these channels need no poll).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher, type DispatchLog } from '../../electron/ipc-dispatch';
import { createPlatformBackend } from '../../electron/platform';
import { APP_INDEX_URL, rendererLocation } from '../../electron/renderer-location';
import type { InvokeHandlers } from '../../shared/contract';
import { defaultSettings } from '../../shared/settings';
import { refusingDialogs } from '../support/refusing-dialogs';

const location = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: join(process.cwd(), 'out/renderer'),
});
const page = { url: APP_INDEX_URL, isMainFrame: true };

let dataDir: string;
let backend: Backend;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portscope-ipc-'));
  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore(),
    dialogs: refusingDialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
  });
});

afterAll(async () => {
  await backend.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function recordingLog() {
  const refused: string[] = [];
  const failed: string[] = [];
  const log: DispatchLog = {
    refused: (message) => refused.push(message),
    failed: (name, error) => failed.push(`${name}: ${String(error)}`),
  };
  return { log, refused, failed };
}

describe('createInvokeDispatcher', () => {
  it('calls the handler for our page with valid arguments', async () => {
    const dispatch = createInvokeDispatcher(backend.handlers, location);
    const view = { ...defaultSettings.view, udp: false };
    const updated = await dispatch('updateSettings', page, [{ view }]);
    expect(updated).toMatchObject({ ok: true, value: { view } });
    expect(await dispatch('getSettings', page, [])).toMatchObject({ ok: true, value: { view } });
  });

  it('refuses other pages and subframes without calling the handler', async () => {
    const { log, refused } = recordingLog();
    const dispatch = createInvokeDispatcher(backend.handlers, location, log);
    const before = await backend.handlers.getSettings();
    const patch = [{ poll: { intervalMs: 10000, paused: true } }];
    for (const sender of [
      { url: 'https://example.com/', isMainFrame: true },
      { url: page.url, isMainFrame: false },
      { url: null, isMainFrame: true },
    ]) {
      const outcome = await dispatch('updateSettings', sender, patch);
      expect(outcome).toMatchObject({ ok: false, error: { name: 'UntrustedSenderError' } });
    }
    expect(await backend.handlers.getSettings()).toEqual(before);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toContain('https://example.com/');
    expect(refused[1]).toContain('subframe');
  });

  it('rejects arguments that do not match the contract, naming the channel and the field', async () => {
    const dispatch = createInvokeDispatcher(backend.handlers, location);
    const cases: [Parameters<typeof dispatch>[0], unknown[], RegExp][] = [
      ['setPollInterval', [7], /setPollInterval/],
      ['setPollInterval', [], /setPollInterval/],
      ['setPaused', ['yes'], /setPaused/],
      ['getSnapshot', ['unexpected'], /getSnapshot/],
      ['updateSettings', [{ grid: { columns: 'wide' } }], /updateSettings: 0\.grid/],
      ['updateSettings', [{ __proto__: { polluted: true }, nope: 1 }], /updateSettings/],
    ];
    for (const [name, args, message] of cases) {
      const outcome = await dispatch(name, page, args);
      expect(outcome, `${name} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { name: 'InvalidPayloadError', message: expect.stringMatching(message) },
      });
    }
    expect((await backend.handlers.getSettings()).poll).toEqual(defaultSettings.poll);
  });

  it('sends a handler error back as an envelope with its name, message and code', async () => {
    const { log, failed } = recordingLog();
    const failing: InvokeHandlers = {
      ...backend.handlers,
      refreshNow: async () => {
        throw Object.assign(new Error('Cannot read /proc/net/tcp: permission denied.'), {
          name: 'AccessDenied',
          code: 'EACCES',
        });
      },
    };
    const dispatch = createInvokeDispatcher(failing, location, log);
    expect(await dispatch('refreshNow', page, [])).toEqual({
      ok: false,
      error: {
        name: 'AccessDenied',
        message: 'Cannot read /proc/net/tcp: permission denied.',
        code: 'EACCES',
      },
    });
    expect(failed).toEqual([
      'refreshNow: AccessDenied: Cannot read /proc/net/tcp: permission denied.',
    ]);
  });
});
