// `portscope list`: the current table, once, from the same backend as the window.
import { parseArgs } from 'node:util';
import { isColumnId, type ColumnId } from '../../../shared/columns';
import { jsonChunks } from '../../../shared/export/json';
import type { Connection } from '../../../shared/model';
import { createCliDialogs } from '../cli-dialogs';
import { rowsForOutput, withCliBackend } from '../backend-session';
import { BACKEND_NAMES } from '../../platform';
import { backendFromOption, backendOption } from '../backend-option';
import { loadCliSettings } from '../cli-backend';
import type { CliCommand } from '../command';
import { compileFilterOption } from '../filter-option';
import { DEFAULT_TABLE_COLUMNS, formatTable } from '../format-table';
import { CliUsageError, EXIT_OK, type CliIo } from '../io';

const help = `Usage: portscope list [--format json|table] [--filter EXPR] [--columns IDS] [--no-resolve]
                      [--suspicious] [--settings FILE] [--backend NAME]

Print every TCP and UDP socket on this machine (IPv4 and IPv6) with its owning process, once.

Options:
  -f, --format json|table  json: for programs. table: aligned columns for people.
                           Default: table when stdout is a terminal, json otherwise.
  --filter EXPR            Only rows that match, in the filter box's language, e.g.
                           "port:443", "proc:firefox -state:listen", "remote:10.0.0.0/8".
  --columns IDS            Table columns, comma-separated ids (default: ${DEFAULT_TABLE_COLUMNS.join(',')}).
  --no-resolve             Do not look up host names over the network.
  --suspicious             Only rows a suspicion rule flagged (suspicion is not null).
  --settings FILE          Judge rows with the rules settings in FILE (known items, blocklist
                           file, rule switches, port lists). Default: the window's settings.json
                           (~/.config/Portscope/ on Linux, ~/Library/Application Support/Portscope/
                           on macOS, %APPDATA%\\Portscope\\ on Windows) when it exists. Never written.
  --backend NAME           How to read the table: ${BACKEND_NAMES.join(', ')}. On Linux, linux
                           (/proc; the default) or lsof (lsof, ps and net-tools netstat: what the
                           macOS backend runs, so "list --backend lsof" shows what it would see).
                           Default: $PORTSCOPE_BACKEND when set, else this OS's own.
  -h, --help               This text.

JSON output (a stable interface): one array of objects, one per socket, each with exactly these
fields (null when unknown or not applicable):
  id, protocol ("tcp"|"udp"), family (4|6), localAddress, localPort, remoteAddress, remotePort,
  state (LISTEN, ESTABLISHED, TIME_WAIT …; null for UDP), inode, socketUid, pid, processName,
  processPath, processPathDeleted, commandLine, user, parentPid, processStartTime (ms since the
  epoch), services, company, productName, fileDescription, fileVersion, processNote,
  bytesSent, bytesReceived, packetsSent, packetsReceived (since the socket opened; TCP only on
  Linux), sendRate, receiveRate (bytes per second over the last poll: null here, since list
  polls once), firstSeen (ms since the epoch), localPortName, remotePortName, remoteHostName,
  remoteCountry, remoteAsn, remoteAsOrg, suspicion ({severity, reasons: [{rule, message}]}).
The table shows traffic in human units (1.2 MB); JSON keeps exact numbers.
Addresses are written as people write them (IPv6 compressed, IPv4-mapped shown as IPv4).
Rows are sorted by protocol, family, local port, local address, remote address, remote port.

Without root, sockets of other users' processes have pid null (owner unknown); a warning on
stderr says so. Exit codes: 0 printed, 1 the table could not be read, 2 bad command line.
`;

function parseColumns(text: string | undefined): readonly ColumnId[] {
  if (text === undefined) return DEFAULT_TABLE_COLUMNS;
  const ids = text.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !isColumnId(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new CliUsageError(`unknown column "${unknown.join('", "')}" in --columns.`);
  }
  return ids as ColumnId[];
}

const GEO_COLUMNS = new Set<ColumnId>(['remoteCountry', 'remoteAsn', 'remoteAsOrg']);

/**
 * One element per line: valid JSON that greps and diffs well, without pretty-print bulk. The same
 * serialisation as the JSON export (connectionToJson: exactly the documented fields), written
 * chunk by chunk: 10,000 rows are ~10 MB, and one joined string of that cost a cold run GC time.
 */
function writeJson(rows: readonly Connection[], io: CliIo): void {
  for (const chunk of jsonChunks(rows)) io.data.write(chunk);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      filter: { type: 'string' },
      columns: { type: 'string' },
      'no-resolve': { type: 'boolean', default: false },
      suspicious: { type: 'boolean', default: false },
      settings: { type: 'string' },
      ...backendOption,
    },
    allowPositionals: false,
    strict: true,
  });
  const format = values.format ?? (io.isTTY ? 'table' : 'json');
  if (format !== 'json' && format !== 'table') {
    throw new CliUsageError(`--format must be json or table, not "${format}".`);
  }
  if (values.columns !== undefined && format !== 'table') {
    throw new CliUsageError('--columns applies to --format table only.');
  }
  const columns = parseColumns(values.columns);
  const matches = compileFilterOption(values.filter);
  const backend = backendFromOption(values.backend);
  const settings = await loadCliSettings(values.settings, io, 'list');

  const options = {
    dialogs: createCliDialogs(io),
    resolveNames: !values['no-resolve'],
    settings,
    backend,
  };
  return withCliBackend('list', io, options, async (backend) => {
    const rows = await rowsForOutput(backend, 'list', io, {
      showsGeo:
        format === 'json' ||
        columns.some((id) => GEO_COLUMNS.has(id)) ||
        matches?.readsGeo === true,
      keep: (row) =>
        (matches ? matches.test(row) : true) && (!values.suspicious || row.suspicion !== null),
    });
    if (format === 'json') writeJson(rows, io);
    else io.stdout.write(formatTable(rows, columns));
    return EXIT_OK;
  });
}

const list: CliCommand = {
  name: 'list',
  summary: 'Print every TCP and UDP socket once, as JSON or a table',
  help,
  run,
};
export default list;
