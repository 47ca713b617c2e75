// Telling `portscope list --format json` from a plain window launch.
import { describe, expect, it } from 'vitest';
import { cliArgsFromLaunch, COMMAND_NAMES, userArgs } from '../../electron/launch-args';
import { commands } from '../../electron/cli/registry';
import { LAUNCH_CASES } from '../support/launch-cases';

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
  for (const { args, cli, why } of LAUNCH_CASES) {
    it(`${why}: ${JSON.stringify(args)}`, () => {
      expect(cliArgsFromLaunch(args)).toEqual(cli);
    });
  }

  it('knows every command of the CLI', () => {
    expect(COMMAND_NAMES).toEqual(commands.map((command) => command.name));
    for (const name of COMMAND_NAMES) {
      expect(cliArgsFromLaunch(['--some-switch', name])).toEqual([name]);
    }
  });
});
