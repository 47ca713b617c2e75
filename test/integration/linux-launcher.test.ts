// The `portscope` command of the Linux packages (resources/linux/portscope-launcher.sh), run with
// /bin/sh in the layout the packages install (resources/bin/portscope next to the app binary),
// the binary replaced by a script that prints what it was started with. A command-line launch
// must start headless and without the sandbox, a window launch as it is; and the app must read
// what the launcher passes on exactly as the launcher read it (electron/launch-args.ts, the same
// table of cases).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliArgsFromLaunch, COMMAND_NAMES, userArgs } from '../../electron/launch-args';
import { LAUNCH_CASES } from '../support/launch-cases';

const launcherSource = fileURLToPath(
  new URL('../../resources/linux/portscope-launcher.sh', import.meta.url),
);
let installDir = '';
let launcher = '';

beforeAll(() => {
  installDir = mkdtempSync(path.join(tmpdir(), 'portscope-launcher-'));
  // The app binary: prints its arguments, one per line (none contains a line break here).
  const binary = path.join(installDir, 'portscope');
  writeFileSync(binary, '#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done\n');
  chmodSync(binary, 0o755);
  mkdirSync(path.join(installDir, 'resources', 'bin'), { recursive: true });
  launcher = path.join(installDir, 'resources', 'bin', 'portscope');
  copyFileSync(launcherSource, launcher);
  chmodSync(launcher, 0o755);
});

afterAll(() => {
  if (installDir) rmSync(installDir, { recursive: true, force: true });
});

/** The arguments the binary got when the launcher was run with `args` (through a /usr/bin link). */
function launch(args: string[]): string[] {
  const link = path.join(installDir, 'usr-bin-portscope');
  rmSync(link, { force: true });
  spawnSync('ln', ['-s', launcher, link]);
  const run = spawnSync(link, args, { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout === '' ? [] : run.stdout.replace(/\n$/, '').split('\n');
}

describe('the portscope command', () => {
  for (const { args, cli, why } of LAUNCH_CASES) {
    it(`${why}: ${JSON.stringify(args)}`, () => {
      const passed = launch(args);
      if (cli === null) {
        expect(passed).toEqual(args);
      } else {
        expect(passed).toEqual(['--no-sandbox', '--ozone-platform=headless', ...args]);
      }
      // The packaged app's argv is [binary, ...passed]: it must come to the same reading.
      expect(cliArgsFromLaunch(userArgs(['/opt/Portscope/portscope', ...passed], false))).toEqual(
        cli,
      );
    });
  }

  it('knows exactly the CLI’s command words', () => {
    const source = readFileSync(launcherSource, 'utf8');
    const words = /^\s*([a-z]+(?: \| [a-z]+)*)\) return 0 ;;$/m.exec(source)?.[1]?.split(' | ');
    expect(words).toEqual([...COMMAND_NAMES]);
  });
});
