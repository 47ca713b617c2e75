// Development runs keep their own userData next to the installed app's (electron/user-data.ts);
// the e2e lifecycle test checks the app applies it before taking the single-instance lock.
import { describe, expect, it } from 'vitest';
import { developmentUserDataPath } from '../../electron/user-data';
import { appSettingsPath } from '../../electron/cli/app-settings';

describe('developmentUserDataPath', () => {
  it('is "<product>-dev" beside the installed app’s folder', () => {
    expect(developmentUserDataPath('/home/ann/.config', 'Portscope')).toBe(
      '/home/ann/.config/Portscope-dev',
    );
    // Never the installed app's folder, which the CLI reads settings from.
    const installed = appSettingsPath({ platform: 'linux', env: {}, home: '/home/ann' });
    expect(installed.startsWith(developmentUserDataPath('/home/ann/.config', 'Portscope'))).toBe(
      false,
    );
  });
});
