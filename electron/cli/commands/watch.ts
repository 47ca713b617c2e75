// `portscope watch --log FILE`: CurrPorts' "Log changes" without a window. Polls the table and
// appends every connection that opens or closes, with a time stamp, to FILE (JSON lines or CSV),
// rotating to FILE.1 at --max-bytes. The same ChangeLog as the app's "Log changes" setting.
import { parseArgs } from 'node:util';
import { LOG_FORMATS, type LogFormat } from '../../../shared/export/settings-schema';
import type { DeltaEvent } from '../../../shared/model';
import { createBackend } from '../../core/backend';
import { ChangeLog } from '../../core/export/change-log';
import type { ExportWriteError } from '../../core/export/export-error';
import { createMemorySettingsStore } from '../../core/settings-store';
import { BACKEND_NAMES, createPlatformBackend } from '../../platform';
import { backendFromOption, backendOption } from '../backend-option';
import { cliDataDir } from '../cli-backend';
import { createCliDialogs } from '../cli-dialogs';
import type { CliCommand } from '../command';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, type CliIo } from '../io';
import { compileFilterOption } from '../filter-option';

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const help = `Usage: portscope watch --log FILE [--format jsonl|csv] [--interval MS] [--max-bytes N]
                       [--duration MS] [--filter EXPR] [--no-resolve] [--backend NAME]

Watch the connection table and append every connection that opens or closes to FILE, with a
time stamp, until Ctrl+C (SIGINT or SIGTERM) or --duration. Connections already open when it
starts are not logged.

  --log FILE         The log file; appended to, created when missing.
  --format jsonl|csv jsonl (default): one JSON object per line: {"time":ISO-8601,"event":
                     "opened"|"closed", then every Connection field (see "portscope list --help")}.
                     csv: a header, then Time, Event, Id and every column, like an export.
  --interval MS      Time between polls in milliseconds, 100 to 3600000 (default 1000).
  --max-bytes N      When FILE would grow past N bytes it is renamed to FILE.1 (replacing an
                     older FILE.1) and a new FILE begins (default ${DEFAULT_MAX_BYTES}, at least 4096).
  --duration MS      Stop after MS milliseconds (default: run until interrupted).
  --filter EXPR      Log only connections that match, in the filter box's language.
  --no-resolve       Do not look up host names over the network.
  --backend NAME     How to read the table: ${BACKEND_NAMES.join(', ')} (see "portscope list
                     --help"). Default: $PORTSCOPE_BACKEND when set, else this OS's own.
  -h, --help         This text.

Exit codes: 0 stopped normally, 1 the table could not be read or FILE not written, 2 bad
command line.
`;

function integerOption(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new CliUsageError(
      `--${name} must be a whole number from ${min} to ${max}, not "${text}".`,
    );
  }
  return value;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      log: { type: 'string' },
      format: { type: 'string', short: 'f' },
      interval: { type: 'string' },
      'max-bytes': { type: 'string' },
      duration: { type: 'string' },
      filter: { type: 'string' },
      'no-resolve': { type: 'boolean', default: false },
      ...backendOption,
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.log === undefined || values.log === '')
    throw new CliUsageError('--log FILE is required.');
  const format = (values.format ?? 'jsonl') as LogFormat;
  if (!(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new CliUsageError(`--format must be jsonl or csv, not "${values.format}".`);
  }
  const intervalMs = integerOption('interval', values.interval, 100, 3_600_000) ?? 1000;
  const maxBytes =
    integerOption('max-bytes', values['max-bytes'], 4096, 2 ** 50) ?? DEFAULT_MAX_BYTES;
  const durationMs = integerOption('duration', values.duration, 1, 2 ** 31 - 1);
  const matches = compileFilterOption(values.filter)?.test ?? null;
  const backendName = backendFromOption(values.backend);

  let failure: ExportWriteError | null = null;
  let stop: (() => void) | null = null;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const log = new ChangeLog({
    path: values.log,
    format,
    maxBytes,
    onError: (error) => {
      failure ??= error;
      stop?.();
    },
  });

  let logging = false;
  const onDelta = (delta: DeltaEvent) => {
    if (!logging) return;
    const added = matches ? delta.added.filter(matches) : delta.added;
    void log.record({ added, updated: delta.updated, removed: delta.removed });
  };
  // Paused, polled by our own timer: any interval works, not only the window's five.
  const backend = createBackend({
    platform: createPlatformBackend(backendName),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs: createCliDialogs(io),
    emit: () => undefined,
    onDelta,
    dataDir: cliDataDir(),
    pollSource: 'in-process',
    resolveNames: !values['no-resolve'],
  });
  const onSignal = () => stop?.();
  let timer: NodeJS.Timeout | null = null;
  try {
    await backend.start();
    const pollError = backend.lastPollError();
    if (pollError) {
      io.stderr.write(
        `portscope watch: could not read the connection table: ${pollError.message}\n`,
      );
      return EXIT_FAILURE;
    }
    for (const warning of (await backend.handlers.getSnapshot()).status.warnings) {
      io.stderr.write(`portscope watch: ${warning}\n`);
    }
    const rows = [...backend.table.rows()];
    log.seed(matches ? rows.filter(matches) : rows);
    logging = true;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (durationMs !== undefined) setTimeout(onSignal, durationMs).unref();
    io.stderr.write(
      `Logging connections that open or close to ${values.log} every ${intervalMs} ms` +
        `${durationMs === undefined ? '; press Ctrl+C to stop' : ` for ${durationMs} ms`}.\n`,
    );
    let running = true;
    void stopped.then(() => (running = false));
    const tick = async () => {
      if (!running) return;
      await backend.handlers.refreshNow();
      if (running) timer = setTimeout(() => void tick(), intervalMs);
    };
    timer = setTimeout(() => void tick(), intervalMs);
    await stopped;
    if (timer) clearTimeout(timer);
    await log.flush();
    if (failure) {
      io.stderr.write(`portscope watch: ${(failure as ExportWriteError).message}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (timer) clearTimeout(timer);
    await backend.stop();
  }
}

const watch: CliCommand = {
  name: 'watch',
  summary: 'Log every connection that opens or closes to a file, until stopped',
  help,
  run,
};
export default watch;
