// Issue 13.1: a compromised page cannot set file paths, servers or the ask-before switches. Each
// is sent through the real dispatcher (sender check, zod) to the real backend's handlers and must
// be refused with the settings unchanged; the page's legitimate sections still go through, and
// main keeps its own fields when it completes them. The protected fields change only through
// changeProtectedSetting, answered by the person in (scripted) native dialogs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher } from '../../electron/ipc-dispatch';
import { createPlatformBackend } from '../../electron/platform';
import { APP_INDEX_URL, rendererLocation } from '../../electron/renderer-location';
import {
  defaultSettings,
  toRendererPatch,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { ScriptedDialogs } from '../support/bridge';

const location = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: join(process.cwd(), 'out/renderer'),
});
const page = { url: APP_INDEX_URL, isMainFrame: true };

let dataDir: string;
let backend: Backend;
let dialogs: ScriptedDialogs;

const MAIN_SET: SettingsPatch = {
  rules: { ...defaultSettings.rules, blocklistPath: '/home/anna/blocklist.txt' },
  export: {
    ...defaultSettings.export,
    lastDirectory: '/home/anna/exports',
    log: { ...defaultSettings.export.log, path: '/home/anna/changes.jsonl' },
  },
  lookup: { ...defaultSettings.lookup, whoisServer: 'whois.example.net:43' },
};

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portscope-owned-'));
  dialogs = new ScriptedDialogs();
  backend = createBackend({
    platform: createPlatformBackend(),
    settings: createMemorySettingsStore(MAIN_SET),
    dialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
  });
});

afterEach(async () => {
  await backend.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Each field the page must not set, as a whole-section patch that also carries good values. */
function hostilePatches(current: Settings): [string, unknown][] {
  return [
    ['rules.blocklistPath', { rules: { ...current.rules, blocklistPath: '/etc/passwd' } }],
    [
      'export.log.path',
      { export: { ...current.export, log: { ...current.export.log, path: '/etc/crontab' } } },
    ],
    ['export.lastDirectory', { export: { ...current.export, lastDirectory: '/root' } }],
    ['actions.askBeforeKill', { actions: { askBeforeClose: true, askBeforeKill: false } }],
    ['lookup.whoisServer', { lookup: { ...current.lookup, whoisServer: 'evil.example:43' } }],
    ['lookup.dnsServers', { lookup: { ...current.lookup, dnsServers: ['198.51.100.7'] } }],
    [
      'lookup.rdapBootstrap',
      { lookup: { ...current.lookup, rdapBootstrap: 'https://evil.example/' } },
    ],
    [
      'lookup.rdapBootstrapRefreshUrl',
      { lookup: { ...current.lookup, rdapBootstrapRefreshUrl: 'https://evil.example/' } },
    ],
    ['window', { window: { ...current.window, width: 900 } }],
  ];
}

describe('updateSettings from the page', () => {
  it('refuses every main-owned field through the real dispatcher, changing nothing', async () => {
    const dispatch = createInvokeDispatcher(backend.handlers, location);
    const before = backend.context.settings.get();
    for (const [field, patch] of hostilePatches(before)) {
      const outcome = await dispatch('updateSettings', page, [patch]);
      expect(outcome, field).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } });
    }
    expect(backend.context.settings.get()).toEqual(before);
  });

  it('accepts the page sections without them and keeps main’s fields as they were', async () => {
    const dispatch = createInvokeDispatcher(backend.handlers, location);
    const before = backend.context.settings.get();
    const patch = toRendererPatch({
      rules: { ...before.rules, notifications: false, backdoorPorts: [4444] },
      export: { ...before.export, log: { ...before.export.log, enabled: true } },
      lookup: { ...before.lookup, resolveHostNames: false },
    });
    const outcome = await dispatch('updateSettings', page, [patch]);
    expect(outcome).toMatchObject({ ok: true });
    const after = backend.context.settings.get();
    expect(after.rules).toEqual({ ...before.rules, notifications: false, backdoorPorts: [4444] });
    expect(after.rules.blocklistPath).toBe('/home/anna/blocklist.txt');
    expect(after.export.log).toEqual({ ...before.export.log, enabled: true });
    expect(after.export.lastDirectory).toBe('/home/anna/exports');
    expect(after.lookup.whoisServer).toBe('whois.example.net:43');
    expect(after.lookup.resolveHostNames).toBe(false);
  });
});

describe('changeProtectedSetting', () => {
  it('sets the blocklist only to the file the person picked, and not when they cancel', async () => {
    dialogs.answerOpenFile(null);
    const cancelled = await backend.handlers.changeProtectedSetting({
      kind: 'chooseBlocklistFile',
    });
    expect(cancelled.changed).toBe(false);
    expect(cancelled.settings.rules.blocklistPath).toBe('/home/anna/blocklist.txt');

    dialogs.answerOpenFile('/home/anna/other-list.txt');
    const chosen = await backend.handlers.changeProtectedSetting({ kind: 'chooseBlocklistFile' });
    expect(chosen.changed).toBe(true);
    expect(backend.context.settings.get().rules.blocklistPath).toBe('/home/anna/other-list.txt');
    expect(dialogs.openRequests.map((r) => r.title)).toEqual([
      'Choose a blocklist file',
      'Choose a blocklist file',
    ]);
  });

  it('stops using the blocklist only when the person confirms', async () => {
    dialogs.answerConfirm({ confirmed: false });
    await backend.handlers.changeProtectedSetting({ kind: 'clearBlocklistFile' });
    expect(backend.context.settings.get().rules.blocklistPath).toBe('/home/anna/blocklist.txt');
    dialogs.answerConfirm({ confirmed: true });
    await backend.handlers.changeProtectedSetting({ kind: 'clearBlocklistFile' });
    expect(backend.context.settings.get().rules.blocklistPath).toBeNull();
    expect(dialogs.confirmRequests.at(-1)?.detail).toContain('/home/anna/blocklist.txt');
  });

  it('points the change log at the file chosen in the save dialog, or back to the default', async () => {
    dialogs.answerSaveFile('/home/anna/log.jsonl');
    await backend.handlers.changeProtectedSetting({ kind: 'chooseChangeLogFile' });
    expect(backend.context.settings.get().export.log.path).toBe('/home/anna/log.jsonl');
    await backend.handlers.changeProtectedSetting({ kind: 'defaultChangeLogFile' });
    expect(backend.context.settings.get().export.log.path).toBeNull();
  });

  it('asks before it stops asking; asking again needs no dialog', async () => {
    dialogs.answerConfirm({ confirmed: false });
    const declined = await backend.handlers.changeProtectedSetting({
      kind: 'askBefore',
      action: 'kill',
      ask: false,
    });
    expect(declined.changed).toBe(false);
    expect(backend.context.settings.get().actions.askBeforeKill).toBe(true);
    dialogs.answerConfirm({ confirmed: true });
    await backend.handlers.changeProtectedSetting({
      kind: 'askBefore',
      action: 'kill',
      ask: false,
    });
    expect(backend.context.settings.get().actions.askBeforeKill).toBe(false);
    const asked = dialogs.confirmRequests.length;
    await backend.handlers.changeProtectedSetting({ kind: 'askBefore', action: 'kill', ask: true });
    expect(backend.context.settings.get().actions.askBeforeKill).toBe(true);
    expect(dialogs.confirmRequests.length).toBe(asked);
  });

  it('shows the new servers before using them', async () => {
    const current = backend.context.settings.get().lookup;
    const change = {
      kind: 'lookupServers' as const,
      dnsServers: ['127.0.0.1:5353'],
      whoisServer: current.whoisServer,
      rdapBootstrap: current.rdapBootstrap,
      rdapBootstrapRefreshUrl: current.rdapBootstrapRefreshUrl,
    };
    dialogs.answerConfirm({ confirmed: true });
    const result = await backend.handlers.changeProtectedSetting(change);
    expect(result.changed).toBe(true);
    expect(result.settings.lookup.dnsServers).toEqual(['127.0.0.1:5353']);
    expect(dialogs.confirmRequests.at(-1)?.detail).toBe('DNS servers: (default) → 127.0.0.1:5353');
    // The same values again: nothing to ask.
    const again = await backend.handlers.changeProtectedSetting(change);
    expect(again.changed).toBe(false);
    expect(dialogs.confirmRequests).toHaveLength(1);
  });
});
