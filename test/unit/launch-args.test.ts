// Telling `portscope list --format json` from a plain window launch.
import { describe, expect, it } from 'vitest';
import { cliArgsFromLaunch, userArgs } from '../../electron/launch-args';

describe('userArgs', () => {
  it('skips the executable, and the app path when run as `electron .`', () => {
    expect(userArgs(['/opt/Portscope/portscope', 'list'], false)).toEqual(['list']);
    expect(userArgs(['/usr/lib/electron', '.', 'list', '--format', 'json'], true)).toEqual([
      'list',
      '--format',
      'json',
    ]);
  });
});

describe('cliArgsFromLaunch', () => {
  it('a command word makes it a CLI launch, with everything after it', () => {
    expect(cliArgsFromLaunch(['list', '--format', 'json'])).toEqual(['list', '--format', 'json']);
    expect(cliArgsFromLaunch(['export', 'out.csv'])).toEqual(['export', 'out.csv']);
  });

  it('drops Chromium and OS switches that come before the command', () => {
    expect(cliArgsFromLaunch(['--ozone-platform=wayland', 'list'])).toEqual(['list']);
  });

  it('--help or -h asks the CLI', () => {
    expect(cliArgsFromLaunch(['--help'])).toEqual(['--help']);
    expect(cliArgsFromLaunch(['-h'])).toEqual(['-h']);
  });

  it('no arguments, or switches only, open the window', () => {
    expect(cliArgsFromLaunch([])).toBeNull();
    expect(cliArgsFromLaunch(['--enable-features=UseOzonePlatform', '-psn_0_12345'])).toBeNull();
    expect(cliArgsFromLaunch([''])).toBeNull();
  });
});
