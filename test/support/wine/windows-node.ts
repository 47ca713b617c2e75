// Windows Node under Wine for the Windows suite and the bench: prepares the cache once
// (scripts/wine-env.mjs), builds the probe (windows-probe.ts) next to it, and runs programs with
// their output in files (Windows Node cannot write into a pipe under Wine).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  prepareWine,
  runWindowsNode,
  toWindowsPath,
  type PreparedWine,
} from '../../../scripts/wine-env.mjs';
import { buildProbe } from './build-probe.mjs';

export { toWindowsPath, type PreparedWine };

/** Prepare Wine and build the probe (into the cache folder, where koffi still resolves). */
export async function prepareWindowsNode(): Promise<{ wine: PreparedWine; probe: string }> {
  const wine = await prepareWine({ log: (line) => process.stderr.write(`${line}\n`) });
  return { wine, probe: await buildProbe(wine.cacheDir) };
}

export interface WindowsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run Windows Node with `args` (Linux paths already turned into Windows ones) and wait. */
export async function runWindows(
  wine: PreparedWine,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<WindowsRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'portscope-wine-run-'));
  const out = path.join(scratch, 'stdout');
  const err = path.join(scratch, 'stderr');
  const outFd = openSync(out, 'w');
  const errFd = openSync(err, 'w');
  try {
    const child = runWindowsNode(wine, args, {
      stdoutFd: outFd,
      stderrFd: errFd,
      env: options.env,
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Windows Node ${args.join(' ')} timed out`));
      }, options.timeoutMs ?? 60_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
      child.on('error', reject);
    });
    return { code, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    closeSync(outFd);
    closeSync(errFd);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Run a probe command; its JSON answer ({ok, result} or {ok: false, error}). */
export async function probe<T>(
  wine: PreparedWine,
  probeFile: string,
  args: (string | number)[],
): Promise<
  { ok: true; result: T } | { ok: false; error: { name: string; code: string; message: string } }
> {
  const run = await runWindows(wine, [toWindowsPath(probeFile), ...args.map(String)]);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { ok: true; result: T };
  } catch {
    throw new Error(`probe ${args.join(' ')} printed no answer (exit ${run.code}): ${run.stderr}`);
  }
}
