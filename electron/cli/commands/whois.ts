// `portscope whois ADDRESS`: who holds an address, the same lookup (and bounds) as the panel:
// RDAP first, port-43 whois with referrals as the fallback, private ranges answered locally.
import { parseArgs } from 'node:util';
import { whoisSummaryLines } from '../../../shared/whois/format';
import {
  defaultLookupSettings,
  hostPortSchema,
  type LookupSettings,
} from '../../../shared/whois/lookup-settings';
import { parseAddress } from '../../../shared/whois/special-address';
import { createWhoisService } from '../../core/lookup/whois-service';
import { cliDataDir } from '../cli-backend';
import type { CliCommand } from '../command';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, type CliIo } from '../io';

const help = `Usage: portscope whois [options] ADDRESS

Who holds ADDRESS (IPv4 or IPv6): network name, range, organisation, country, abuse contact and
registry. Asks RDAP first (the IANA bootstrap picks the registry), then port-43 whois starting at
whois.iana.org and following referrals. Private, loopback, link-local, CGNAT, unique-local,
multicast and unspecified addresses are answered without any network traffic.
Answers are cached for ${defaultLookupSettings.cacheHours} h in $XDG_CACHE_HOME/portscope (or ~/.cache/portscope).

Options:
  --raw                        Print the raw reply of the server that answered.
  --format text|json           Summary as text (default) or JSON (every field, raw included).
  --whois-server HOST:PORT     First port-43 server (default ${defaultLookupSettings.whoisServer}).
  --rdap-bootstrap FILE|URL    RDAP bootstrap file (RFC 9224), a directory or URL ending in "/"
                               holding ipv4.json and ipv6.json. Default: the shipped IANA copy.
  --no-rdap                    Port-43 whois only.
  --timeout MS                 Time limit per server (default ${defaultLookupSettings.totalTimeoutMs}).
  --no-cache                   Neither read nor write the cache.
  -h, --help                   This text.

Exit codes: 0 answered (also when the reply was cut: see "Source" and the notes), 1 the lookup
failed (message on stderr), 2 bad command line.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      raw: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'whois-server': { type: 'string' },
      'rdap-bootstrap': { type: 'string' },
      'no-rdap': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliUsageError('name exactly one ADDRESS.');
  const address = positionals[0]!;
  if (!parseAddress(address)) throw new CliUsageError(`"${address}" is not an IP address.`);
  if (values.format !== 'text' && values.format !== 'json') {
    throw new CliUsageError(`--format is text or json, not "${values.format}".`);
  }
  const settings: LookupSettings = { ...defaultLookupSettings };
  if (values['whois-server'] !== undefined) {
    if (!hostPortSchema.safeParse(values['whois-server']).success) {
      throw new CliUsageError(
        `--whois-server wants HOST or HOST:PORT, not "${values['whois-server']}".`,
      );
    }
    settings.whoisServer = values['whois-server'];
  }
  if (values['rdap-bootstrap'] !== undefined) settings.rdapBootstrap = values['rdap-bootstrap'];
  if (values['no-rdap']) settings.rdapEnabled = false;
  if (values.timeout !== undefined) {
    const ms = Number(values.timeout);
    if (!Number.isInteger(ms) || ms < 200 || ms > 120_000) {
      throw new CliUsageError('--timeout is a whole number of milliseconds, 200 to 120000.');
    }
    settings.totalTimeoutMs = ms;
    settings.connectTimeoutMs = Math.min(settings.connectTimeoutMs, ms);
  }

  const service = createWhoisService({
    dataDir: values['no-cache'] ? null : cliDataDir(),
    settings: () => settings,
  });
  try {
    const summary = await service.lookup(address);
    if (values.format === 'json') {
      io.data.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else if (values.raw) {
      io.stdout.write(summary.raw.endsWith('\n') ? summary.raw : `${summary.raw}\n`);
    } else {
      const lines = whoisSummaryLines(summary);
      const width = Math.max(...lines.map(([label]) => label.length)) + 2;
      for (const [label, value] of lines) io.stdout.write(`${`${label}:`.padEnd(width)}${value}\n`);
      for (const note of summary.notes) io.stdout.write(`Note: ${note}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    io.stderr.write(`portscope whois: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    await service.dispose();
  }
}

const command: CliCommand = {
  name: 'whois',
  summary: 'Who holds an address: registry, network, organisation, abuse contact',
  help,
  run,
};
export default command;
