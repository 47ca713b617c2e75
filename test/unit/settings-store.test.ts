// The settings store on real files in a temp dir: round trip, corrupt and foreign files, a bad
// section, serialized writes and an unwritable folder.
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidSettingsError,
  SettingsWriteError,
  createMemorySettingsStore,
  createSettingsStore,
} from '../../electron/core/settings-store';
import { defaultSettings, type Settings } from '../../shared/settings';

let dir: string;
let file: string;
const fixedNow = () => new Date('2026-03-04T05:06:07.089Z');
const corruptCopyName = 'settings.json.corrupt-2026-03-04T05-06-07-089Z';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portscope-settings-'));
  file = join(dir, 'settings.json');
});

afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const customWindow: Settings['window'] = {
  x: 40,
  y: 60,
  width: 900,
  height: 700,
  maximized: true,
};

describe('createSettingsStore', () => {
  it('starts from defaults when the file does not exist, without creating it', async () => {
    const store = await createSettingsStore(file);
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblems).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('round-trips an update through the file', async () => {
    const store = await createSettingsStore(file);
    const result = await store.update({
      window: customWindow,
      poll: { intervalMs: 5000, paused: true },
    });
    expect(result.window).toEqual(customWindow);

    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Settings;
    expect(onDisk.poll).toEqual({ intervalMs: 5000, paused: true });

    const reopened = await createSettingsStore(file);
    expect(reopened.get()).toEqual({
      ...defaultSettings,
      window: customWindow,
      poll: { intervalMs: 5000, paused: true },
    });
    expect(reopened.loadProblems).toEqual([]);
    // No temp files are left behind.
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('falls back to defaults on a corrupt file and keeps a copy of it', async () => {
    const garbage = '{"window": {"x": 1, "y"';
    await writeFile(file, garbage);
    const store = await createSettingsStore(file, { now: fixedNow });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblems.join(' ')).toMatch(/not valid JSON/);
    expect(store.loadProblems.join(' ')).toContain(corruptCopyName);
    expect(await readFile(join(dir, corruptCopyName), 'utf8')).toBe(garbage);

    // The app goes on and its next write replaces the bad file.
    await store.update({ view: { ...defaultSettings.view, filter: 'port:443' } });
    const reopened = await createSettingsStore(file);
    expect(reopened.get().view.filter).toBe('port:443');
  });

  it('treats foreign JSON as not ours: defaults, with a copy kept', async () => {
    const foreign = JSON.stringify({ name: 'some-package', version: '1.0.0' });
    await writeFile(file, foreign);
    const store = await createSettingsStore(file, { now: fixedNow });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblems.join(' ')).toMatch(/does not hold Portscope settings/);
    expect(await readFile(join(dir, corruptCopyName), 'utf8')).toBe(foreign);
  });

  it('treats a JSON array or number as foreign', async () => {
    await writeFile(file, '[1, 2, 3]');
    const store = await createSettingsStore(file, { now: fixedNow });
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblems).toHaveLength(1);
    expect(await readdir(dir)).toContain(corruptCopyName);
  });

  it('resets only the bad section and keeps the others', async () => {
    await writeFile(
      file,
      JSON.stringify({
        window: customWindow,
        poll: { intervalMs: 1234, paused: false }, // not one of the offered intervals
        view: { ...defaultSettings.view, udp: false },
      }),
    );
    const store = await createSettingsStore(file, { now: fixedNow });
    expect(store.get().window).toEqual(customWindow);
    expect(store.get().view.udp).toBe(false);
    expect(store.get().poll).toEqual(defaultSettings.poll);
    expect(store.loadProblems.join(' ')).toMatch(/reset to defaults: poll/);
    expect(await readdir(dir)).toContain(corruptCopyName);
  });

  it('keeps top-level keys it does not know (from a newer version) when writing', async () => {
    await writeFile(file, JSON.stringify({ window: customWindow, tray: { enabled: true } }));
    const store = await createSettingsStore(file);
    expect(store.loadProblems).toEqual([]);
    await store.update({ poll: { intervalMs: 2000, paused: false } });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk.tray).toEqual({ enabled: true });
    expect(onDisk.window).toEqual(customWindow);
  });

  it('rejects an invalid patch without changing anything', async () => {
    const store = await createSettingsStore(file);
    const changes: Settings[] = [];
    store.onChange((settings) => changes.push(settings));
    await expect(
      store.update({ poll: { intervalMs: 7, paused: false } } as never),
    ).rejects.toBeInstanceOf(InvalidSettingsError);
    await expect(store.update({ nonsense: true } as never)).rejects.toThrow(/Settings not changed/);
    expect(store.get()).toEqual(defaultSettings);
    expect(changes).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('serializes a burst of updates: the file ends with the last one, each promise resolves', async () => {
    const store = await createSettingsStore(file);
    const seen: string[] = [];
    store.onChange((settings) => seen.push(settings.view.filter));
    const filters = Array.from({ length: 25 }, (_, i) => `proc:p${i}`);
    await Promise.all(
      filters.map((filter) => store.update({ view: { ...store.get().view, filter } })),
    );
    await store.flush();
    expect(seen).toEqual(filters);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Settings;
    expect(onDisk.view.filter).toBe('proc:p24');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('returns frozen settings so listeners cannot edit them in place', async () => {
    const store = await createSettingsStore(file);
    expect(Object.isFrozen(store.get().view)).toBe(true);
    // defaultSettings itself stays writable for whoever owns it.
    expect(Object.isFrozen(defaultSettings.view)).toBe(false);
  });

  it('reports an unwritable folder clearly and leaves the old file intact', async () => {
    const store = await createSettingsStore(file);
    await store.update({ window: customWindow });
    const before = await readFile(file, 'utf8');
    await chmod(dir, 0o555);

    // Root ignores folder permissions, so as root the write runs with nobody's effective uid.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) process.seteuid?.(65534);
    let failure: unknown;
    try {
      await store.update({ poll: { intervalMs: 10000, paused: false } });
    } catch (error) {
      failure = error;
    } finally {
      if (asRoot) process.seteuid?.(0);
    }

    expect(failure).toBeInstanceOf(SettingsWriteError);
    expect((failure as SettingsWriteError).message).toContain(file);
    expect((failure as SettingsWriteError).message).toMatch(/permission denied/);
    expect((failure as SettingsWriteError).code).toBe('EACCES');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['settings.json']);
    // The change still applies for this session.
    expect(store.get().poll.intervalMs).toBe(10000);
  });

  it('a folder where the file should be is reported, not fatal', async () => {
    const store = await createSettingsStore(dir);
    expect(store.get()).toEqual(defaultSettings);
    expect(store.loadProblems.join(' ')).toMatch(/folder, not a file/);
  });
});

describe('createMemorySettingsStore', () => {
  it('starts from defaults plus the given sections and notifies on update', async () => {
    const store = createMemorySettingsStore({ window: customWindow });
    expect(store.get()).toEqual({ ...defaultSettings, window: customWindow });
    const seen: number[] = [];
    const unsubscribe = store.onChange((settings) => seen.push(settings.poll.intervalMs));
    await store.update({ poll: { intervalMs: 500, paused: false } });
    unsubscribe();
    await store.update({ poll: { intervalMs: 2000, paused: false } });
    expect(seen).toEqual([500]);
    expect(store.get().poll.intervalMs).toBe(2000);
  });

  it('validates like the file store', async () => {
    expect(() => createMemorySettingsStore({ view: { tcp: 'yes' } } as never)).toThrow(
      InvalidSettingsError,
    );
    const store = createMemorySettingsStore();
    await expect(store.update({ grid: { columns: [{ colId: '' }] } })).rejects.toThrow(
      /grid\.columns\.0\.colId/,
    );
  });
});
