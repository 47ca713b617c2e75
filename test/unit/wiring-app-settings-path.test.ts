// Where the CLI finds the window's settings.json (Electron's userData for productName
// "Portscope"), and how it reads it without ever writing.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettingsPath, readAppSettings } from '../../electron/cli/app-settings';
import { defaultSettings } from '../../shared/settings';

describe('appSettingsPath', () => {
  it('Linux: $XDG_CONFIG_HOME/Portscope, else ~/.config/Portscope', () => {
    expect(
      appSettingsPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ann' }),
    ).toBe('/cfg/Portscope/settings.json');
    expect(appSettingsPath({ platform: 'linux', env: {}, home: '/home/ann' })).toBe(
      '/home/ann/.config/Portscope/settings.json',
    );
    // Empty or relative XDG_CONFIG_HOME is ignored, as the XDG spec (and Electron) say.
    expect(
      appSettingsPath({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, home: '/home/ann' }),
    ).toBe('/home/ann/.config/Portscope/settings.json');
    expect(
      appSettingsPath({ platform: 'freebsd', env: { XDG_CONFIG_HOME: 'rel' }, home: '/u' }),
    ).toBe('/u/.config/Portscope/settings.json');
  });

  it('macOS: ~/Library/Application Support/Portscope', () => {
    expect(
      appSettingsPath({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/x' }, home: '/Users/ann' }),
    ).toBe('/Users/ann/Library/Application Support/Portscope/settings.json');
  });

  it('Windows: %APPDATA%\\Portscope, else the roaming folder under the profile', () => {
    expect(
      appSettingsPath({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
        home: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Portscope\\settings.json');
    expect(appSettingsPath({ platform: 'win32', env: {}, home: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Portscope\\settings.json',
    );
  });
});

describe('readAppSettings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portscope-wiring-settings-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes only the rules and lookup sections, and leaves the file as it was', async () => {
    const file = path.join(dir, 'settings.json');
    const rules = { ...defaultSettings.rules, backdoorPorts: [4444], blocklistPath: '/etc/bl' };
    const text = JSON.stringify({
      rules,
      poll: { intervalMs: 500, paused: false },
      export: { ...defaultSettings.export, log: { ...defaultSettings.export.log, enabled: true } },
    });
    await writeFile(file, text);
    const before = await stat(file);
    const loaded = await readAppSettings(file, { required: true });
    expect(loaded.problems).toEqual([]);
    expect(loaded.patch.rules).toEqual(rules);
    expect(loaded.patch.lookup).toEqual(defaultSettings.lookup);
    expect(loaded.patch.poll).toBeUndefined();
    expect(loaded.patch.export).toBeUndefined();
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('a bad rules section is reported and left at its defaults; no copy is made', async () => {
    const file = path.join(dir, 'bad-rules.json');
    await writeFile(file, JSON.stringify({ rules: { backdoorPorts: 'all' } }));
    const loaded = await readAppSettings(file, { required: false });
    expect(loaded.patch.rules).toBeUndefined();
    expect(loaded.problems.join()).toMatch(/invalid settings in .*bad-rules\.json: rules/);
    expect((await readdir(dir)).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('a missing file is the defaults unless it was named; bad JSON is an error when named', async () => {
    const missing = path.join(dir, 'none.json');
    expect(await readAppSettings(missing, { required: false })).toEqual({
      patch: {},
      problems: [],
    });
    await expect(readAppSettings(missing, { required: true })).rejects.toThrow(
      /cannot read the settings file .*none\.json: no such file/,
    );
    // Unreadable (the default path under another user's home): a warning, not a failure.
    const folder = path.join(dir, 'a-folder.json');
    await mkdir(folder);
    expect((await readAppSettings(folder, { required: false })).problems.join()).toMatch(
      /cannot read the settings file .*a-folder\.json: it is a folder, not a file; using the default rules/,
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"rules": ');
    await expect(readAppSettings(broken, { required: true })).rejects.toThrow(/not valid JSON/);
    expect((await readAppSettings(broken, { required: false })).problems.join()).toMatch(
      /not valid JSON/,
    );
  });
});
