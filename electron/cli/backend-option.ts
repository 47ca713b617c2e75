// `--backend NAME` for every command that reads the table (list, export, watch, close, kill):
// which way of reading the OS to use, where more than one runs (on Linux: linux or lsof). Without
// it, PORTSCOPE_BACKEND or the OS's default decides (electron/platform/index.ts).
import { NotSupported } from '../platform/errors';
import { BACKEND_NAMES, resolveBackendName, type BackendName } from '../platform';
import { CliUsageError } from './io';

/** The parseArgs entry, spread into each command's options. */
export const backendOption = { backend: { type: 'string' } } as const;

/** The --help lines, in the column layout of list and export (2 + 21 characters). */
export const BACKEND_HELP = `  --backend NAME       How to read the table: ${BACKEND_NAMES.join(', ')}. On Linux: linux
                       (/proc, the default) or lsof (lsof, ps and netstat, as on macOS).
                       Default: $PORTSCOPE_BACKEND when set, else this OS's own.`;

/**
 * The backend a --backend value names, checked against this OS; undefined without the option
 * (then PORTSCOPE_BACKEND or the default applies). A name that is unknown or cannot run here is
 * a usage error (exit 2).
 */
export function backendFromOption(
  value: string | undefined,
  platform: NodeJS.Platform = process.platform,
): BackendName | undefined {
  if (value === undefined) return undefined;
  if (value === '') throw new CliUsageError(`--backend needs a name: ${BACKEND_NAMES.join(', ')}.`);
  try {
    return resolveBackendName(platform, value);
  } catch (error) {
    if (error instanceof NotSupported) throw new CliUsageError(error.message);
    throw error;
  }
}
