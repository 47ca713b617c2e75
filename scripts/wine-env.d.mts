// Types of scripts/wine-env.mjs (plain JavaScript so that `npm run cli:wine` runs under bare Node).
import type { ChildProcess } from 'node:child_process';

export const repoRoot: string;
export const WINDOWS_NODE_VERSION: string;
export const WINE_MISSING_MESSAGE: string;

export interface PreparedWine {
  /** The Wine loader (wine64). */
  loader: string;
  /** WINEPREFIX, WINEDEBUG, NODE_PATH … for Windows Node. */
  env: NodeJS.ProcessEnv;
  /** Linux path of Windows Node's node.exe. */
  nodeExe: string;
  cacheDir: string;
}

export function findWineLoader(): string | null;
export function toWindowsPath(unixPath: string): string;
export function wineCacheDir(): string;
export function prepareWine(options?: { log?: (line: string) => void }): Promise<PreparedWine>;
export function runWindowsNode(
  wine: PreparedWine,
  args: string[],
  options: { stdoutFd: number; stderrFd: number; cwd?: string; env?: NodeJS.ProcessEnv },
): ChildProcess;
