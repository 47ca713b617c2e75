// `portscope export FILE`: the table, once, to a file in any export format (CurrPorts' /scomma,
// /shtml …), written by the same code as File → Export… in the window.
import { parseArgs } from 'node:util';
import { isColumnId, type ColumnId } from '../../../shared/columns';
import {
  EXPORT_FORMATS,
  exportChunks,
  formatFromPath,
  isExportFormat,
  type ExportFormat,
} from '../../../shared/export';
import { exportMeta, exportToFile } from '../../core/export/export-to-file';
import { rowsForOutput, withCliBackend } from '../backend-session';
import { BACKEND_HELP, backendFromOption, backendOption } from '../backend-option';
import { loadCliSettings } from '../cli-backend';
import { createCliDialogs } from '../cli-dialogs';
import type { CliCommand } from '../command';
import { compileFilterOption } from '../filter-option';
import { CliUsageError, EXIT_OK, type CliIo } from '../io';

const help = `Usage: portscope export FILE [--format FORMAT] [--filter EXPR] [--columns IDS] [--no-resolve]
                        [--settings FILE] [--backend NAME]

Write every TCP and UDP socket on this machine, with its owning process, to FILE, once.

  FILE                 Where to write; "-" writes to standard output. The file is replaced only
                       when the whole export succeeded (written to a temporary file, then renamed).
  -f, --format FORMAT  ${EXPORT_FORMATS.join(', ')}. Default: from FILE's extension
                       (.csv .tsv/.tab .json .html/.htm .xml .txt); csv for "-".
                         csv   RFC 4180, header row, CRLF line ends
                         tsv   tab-separated, header row, quoted like csv where a cell needs it
                         json  an array of the Connection shape (see "portscope list --help")
                         html  one self-contained report: host, time, filter, the table
                         xml   <connections><connection id=…><processName>…
                         txt   a plain-text table aligned in columns
                       In csv and tsv, a cell starting with = + - @ tab or CR gets a leading '
                       so spreadsheets do not run it as a formula.
  --filter EXPR        Only rows that match, in the filter box's language ("port:443",
                       "proc:firefox -state:listen", "remote:10.0.0.0/8").
  --columns IDS        Comma-separated column ids, in order (default: every column; json always
                       writes every field). Ids: processName, pid, protocolLabel, localAddress …
  --no-resolve         Do not look up host names over the network.
  --settings FILE      Judge rows (the suspicion field) with the rules settings in FILE. Default:
                       the window's settings.json when it exists (see "portscope list --help").
                       Never written.
${BACKEND_HELP}
  -h, --help           This text.

Exit codes: 0 written, 1 the table could not be read or the file not written (the message says
why; an existing FILE is left unchanged), 2 bad command line.
`;

function parseColumns(text: string | undefined): ColumnId[] | null {
  if (text === undefined) return null;
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const unknown = ids.filter((id) => !isColumnId(id));
  if (unknown.length > 0)
    throw new CliUsageError(`unknown column "${unknown.join('", "')}" in --columns.`);
  if (ids.length === 0) throw new CliUsageError('--columns needs at least one column id.');
  return ids as ColumnId[];
}

function chooseFormat(file: string, flag: string | undefined): ExportFormat {
  if (flag !== undefined) {
    if (!isExportFormat(flag)) {
      throw new CliUsageError(
        `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${flag}".`,
      );
    }
    return flag;
  }
  if (file === '-') return 'csv';
  const fromName = formatFromPath(file);
  if (!fromName) {
    throw new CliUsageError(
      `cannot tell the format from the name "${file}": pass --format (${EXPORT_FORMATS.join(', ')}).`,
    );
  }
  return fromName;
}

type Drainable = {
  write(text: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
};

/** Stream chunks to stdout, waiting for 'drain' when the pipe is full. */
async function writeToStream(stream: Drainable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (stream.write(chunk) === false && stream.once) {
      await new Promise<void>((resolve) => stream.once!('drain', resolve));
    }
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      filter: { type: 'string' },
      columns: { type: 'string' },
      'no-resolve': { type: 'boolean', default: false },
      settings: { type: 'string' },
      ...backendOption,
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    throw new CliUsageError(
      positionals.length === 0
        ? 'name the FILE to write ("-" for standard output).'
        : `one FILE only, not ${positionals.length}.`,
    );
  }
  const file = positionals[0]!;
  const format = chooseFormat(file, values.format);
  const columns = parseColumns(values.columns);
  const matches = compileFilterOption(values.filter);
  const filter = values.filter?.trim() ?? '';
  const backend = backendFromOption(values.backend);
  const settings = await loadCliSettings(values.settings, io, 'export');

  const options = {
    dialogs: createCliDialogs(io),
    resolveNames: !values['no-resolve'],
    settings,
    backend,
  };
  return withCliBackend('export', io, options, async (backend) => {
    // Every export format can carry country, ASN and owner (json always does).
    const rows = await rowsForOutput(backend, 'export', io, {
      showsGeo: true,
      keep: matches?.test,
    });
    if (file === '-') {
      await writeToStream(
        io.data,
        exportChunks(rows, { format, columns, meta: exportMeta({ filter }) }),
      );
      return EXIT_OK;
    }
    const outcome = await exportToFile(file, rows, { format, columns, filter });
    io.stderr.write(
      `Wrote ${outcome.rows} ${outcome.rows === 1 ? 'connection' : 'connections'} to ${outcome.path} (${outcome.format}, ${outcome.bytes} bytes).\n`,
    );
    return EXIT_OK;
  });
}

const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the table once to a file: csv, tsv, json, html, xml or txt',
  help,
  run,
};
export default exportCommand;
