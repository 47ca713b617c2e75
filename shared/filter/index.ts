// The filter language of the filter box and of `portscope list|export --filter`. Pure: no Node or
// DOM, so the renderer, the CLI and the export writer all read the same text the same way.
import { COLUMNS, type ColumnDef } from '../columns';
import { TCP_STATES, type Connection, type TcpState } from '../model';
import { compileAddress, isIpAddressText } from './address';
import { FilterSyntaxError, tokenize, type RawTerm } from './tokenize';

/**
 * Every field a term can name. Port and pid values are numbers, ranges (1024-2048) or lists
 * (80,443); text fields match a case-insensitive substring.
 */
export const FILTER_FIELDS = {
  port: 'local or remote port: port:443, port:1024-2048, port:80,443, port:https',
  lport: 'local port: lport:22, lport:ssh',
  rport: 'remote port: rport:443, rport:https',
  proc: 'process name contains: proc:firefox',
  pid: 'process id: pid:1234 (or a range or list); pid:none for rows without a known process',
  state: 'TCP state: state:listen, state:established, state:time_wait',
  remote: 'remote address: a range (10.0.0.0/8), one IP, or text in the address or host name',
  local: 'local address: a range (127.0.0.0/8), one IP, or text in the address',
  proto: 'protocol: tcp, udp, tcp4, tcp6, udp4, udp6',
  user: 'user name contains: user:root',
  path: 'executable path contains: path:/usr/bin',
  cmd: 'command line contains: cmd:--port',
  country: 'remote country code: country:de',
  host: 'remote host name contains: host:google',
  asn: 'remote network number: asn:15169 or asn:AS15169',
  org: 'remote network owner contains: org:amazon',
} as const;
export type FilterField = keyof typeof FILTER_FIELDS;

export interface FilterTerm {
  /** null for a plain word (matched against every column's text). */
  field: FilterField | null;
  value: string;
  negated: boolean;
  /** Offsets into the filter text: where the term starts and ends. */
  start: number;
  end: number;
}

export type CompiledFilter =
  | {
      ok: true;
      /** True when the row passes. An empty filter passes every row. */
      test(row: Connection): boolean;
      /** The terms that must all hold (AND); each entry lists alternatives joined by OR. */
      clauses: FilterTerm[][];
      /** Every term, flat, in the order written. */
      terms: FilterTerm[];
      empty: boolean;
    }
  | { ok: false; error: string; position: number };

type RowTest = (row: Connection) => boolean;

// Plain words search every column's text. Building that text for 20 columns is the costly part
// of a keystroke on 10,000 rows, so it is built once per row object. Rows are values: the table
// replaces a row object when it changes instead of editing it, which keeps this cache correct.
const haystacks = new WeakMap<Connection, string>();
const SEARCHABLE: readonly ColumnDef[] = COLUMNS;

function haystackOf(row: Connection): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    // NUL between columns so a word never matches across two cells.
    text = SEARCHABLE.map((column) => column.text(row))
      .join('\u0000')
      .toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/** How each kind of number is written, for the error that says how to write it. */
const NUMBER_EXAMPLES: Record<string, string> = {
  port: 'a number 0-65535 or a service name like https, a range like 1024-2048, or a list like 80,443',
  'process id': 'a number like 1234, a range like 1000-2000, or a list like 1234,5678',
  'network number': 'a number like 15169 or AS15169, a range, or a list',
};

/** Port or pid: "443", "1024-2048", "80,443,8000-8100". */
function compileNumberSet(
  field: string,
  value: string,
  valueStart: number,
  max: number,
  what: string,
): (n: number | null) => boolean {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    const position = valueStart + offset;
    offset += part.length + 1;
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const low = match ? Number(match[1]) : NaN;
    const high = match ? Number(match[2] ?? match[1]) : NaN;
    if (!match || low > max || high > max) {
      const examples = NUMBER_EXAMPLES[what] ?? `a number 0-${max}, a range, or a list`;
      throw new FilterSyntaxError(`${field}: "${part}" is not a ${what} (${examples})`, position);
    }
    if (low > high) {
      throw new FilterSyntaxError(
        `${field}: the range ${part} runs backwards; write ${high}-${low}`,
        position,
      );
    }
    ranges.push([low, high]);
  }
  if (ranges.length === 1) {
    const [low, high] = ranges[0]!;
    return (n) => n !== null && n >= low && n <= high;
  }
  return (n) => n !== null && ranges.some(([low, high]) => n >= low && n <= high);
}

/** "listen", "time_wait", "time-wait", "TimeWait", or an unambiguous start such as "estab". */
function compileState(value: string, valueStart: number): RowTest {
  const wanted = value.toUpperCase().replace(/-/g, '_');
  const compact = (s: string) => s.replace(/_/g, '');
  const exact = TCP_STATES.filter((s) => s === wanted || compact(s) === compact(wanted));
  const candidates: TcpState[] =
    exact.length > 0 ? exact : TCP_STATES.filter((s) => s.startsWith(wanted));
  if (wanted === '' || candidates.length !== 1) {
    const hint = candidates.length > 1 ? ` (it could be ${candidates.join(' or ')})` : '';
    throw new FilterSyntaxError(
      `state: unknown state "${value}"${hint}; states: ${TCP_STATES.join(', ').toLowerCase()}`,
      valueStart,
    );
  }
  const state = candidates[0];
  return (row) => row.state === state;
}

function compileProtocol(value: string, valueStart: number): RowTest {
  const match = /^(tcp|udp)([46])?$/.exec(value.toLowerCase());
  if (!match) {
    throw new FilterSyntaxError(
      `proto: "${value}" is not a protocol; use tcp, udp, tcp4, tcp6, udp4 or udp6`,
      valueStart,
    );
  }
  const protocol = match[1];
  const family = match[2] === undefined ? null : Number(match[2]);
  return (row) => row.protocol === protocol && (family === null || row.family === family);
}

function contains(pick: (row: Connection) => string | null, value: string): RowTest {
  const needle = value.toLowerCase();
  return (row) => {
    const text = pick(row);
    return text !== null && text.toLowerCase().includes(needle);
  };
}

/** A service name as /etc/services writes them ("https", "http-alt", "x11"): not a number. */
const SERVICE_NAME = /^[a-z][a-z0-9._+-]*$/i;

type PortTest = (port: number | null, name: string | null) => boolean;

/**
 * Port terms take numbers, ranges, lists and service names ("port:https,ssh", "port:80,https").
 * A name matches the row's port name (the Local/Remote Port Name columns, from the services
 * table), so it means what the table shows for that row.
 */
function compilePortSet(field: string, value: string, valueStart: number): PortTest {
  const names = new Set<string>();
  const numbers: ((n: number | null) => boolean)[] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    if (SERVICE_NAME.test(part)) names.add(part.toLowerCase());
    else numbers.push(compileNumberSet(field, part, valueStart + offset, 65535, 'port'));
    offset += part.length + 1;
  }
  const numberTest =
    numbers.length === 1 ? numbers[0]! : (n: number | null) => numbers.some((test) => test(n));
  if (names.size === 0) return (port) => numberTest(port);
  return (port, name) => numberTest(port) || (name !== null && names.has(name.toLowerCase()));
}

function compileTerm(term: FilterTerm, valueStart: number): RowTest {
  const { field, value } = term;
  if (field === null) {
    const needle = value.toLowerCase();
    return (row) => haystackOf(row).includes(needle);
  }
  if (value === '') {
    throw new FilterSyntaxError(
      `${field}: needs a value, e.g. ${FILTER_FIELDS[field].split(': ')[1]}`,
      valueStart,
    );
  }
  switch (field) {
    case 'port': {
      const test = compilePortSet(field, value, valueStart);
      return (row) =>
        test(row.localPort, row.localPortName) || test(row.remotePort, row.remotePortName);
    }
    case 'lport': {
      const test = compilePortSet(field, value, valueStart);
      return (row) => test(row.localPort, row.localPortName);
    }
    case 'rport': {
      const test = compilePortSet(field, value, valueStart);
      return (row) => test(row.remotePort, row.remotePortName);
    }
    case 'pid': {
      // Rows whose process is not known (closing connections, other users' sockets).
      if (value.toLowerCase() === 'none') return (row) => row.pid === null;
      // Linux caps pids at 2^22 (PID_MAX_LIMIT); Windows pids are multiples of 4 below 2^32.
      const test = compileNumberSet(field, value, valueStart, 4294967295, 'process id');
      return (row) => test(row.pid);
    }
    case 'proc':
      return contains((row) => row.processName, value);
    case 'user':
      return contains((row) => row.user, value);
    case 'path':
      return contains((row) => row.processPath, value);
    case 'cmd':
      return contains((row) => row.commandLine, value);
    case 'host':
      return contains((row) => row.remoteHostName, value);
    case 'org':
      return contains((row) => row.remoteAsOrg, value);
    case 'country': {
      const code = value.toUpperCase();
      return (row) => row.remoteCountry !== null && row.remoteCountry.toUpperCase() === code;
    }
    case 'asn': {
      const digits = value.replace(/^as/i, '');
      const test = compileNumberSet(
        field,
        digits,
        valueStart + value.length - digits.length,
        4294967295,
        'network number',
      );
      return (row) => test(row.remoteAsn);
    }
    case 'state':
      return compileState(value, valueStart);
    case 'proto':
      return compileProtocol(value, valueStart);
    case 'remote': {
      const test = compileAddress(field, value, valueStart, true);
      return (row) => test(row.remoteAddress, row.remoteHostName);
    }
    case 'local': {
      const test = compileAddress(field, value, valueStart, false);
      return (row) => test(row.localAddress, null);
    }
  }
}

function isFilterField(name: string): name is FilterField {
  return Object.hasOwn(FILTER_FIELDS, name);
}

/** Turns a raw term into a typed one; an IPv6 address such as beef::1 is a plain word. */
function classify(raw: RawTerm, text: string): { term: FilterTerm; valueStart: number } {
  const base = { negated: raw.negated, start: raw.start, end: raw.end };
  if (raw.field === null) {
    return { term: { ...base, field: null, value: raw.value }, valueStart: raw.valueStart };
  }
  if (isFilterField(raw.field)) {
    return { term: { ...base, field: raw.field, value: raw.value }, valueStart: raw.valueStart };
  }
  const nameStart = raw.start + (raw.negated ? 1 : 0);
  const whole = text.slice(nameStart, raw.end);
  if (isIpAddressText(whole)) {
    return { term: { ...base, field: null, value: whole }, valueStart: nameStart };
  }
  throw new FilterSyntaxError(
    `Unknown field "${raw.field}:"; fields are ${Object.keys(FILTER_FIELDS).join(', ')}` +
      ' (put text with a colon in quotes to search for it)',
    nameStart,
  );
}

/**
 * Compiles filter text once; `test(row)` is then cheap enough for 10,000 rows per keystroke.
 *
 * Language: terms separated by spaces are ANDed: every term must hold. `a OR b` (OR in capitals)
 * holds when either side does and binds tighter than the spaces, so `proc:nginx OR proc:caddy
 * port:443` means (nginx or caddy) and port 443. A plain word matches any column's text
 * (case-insensitive substring); `field:value` matches one field (see FILTER_FIELDS); quotes keep
 * spaces in a value (`proc:"Web Content"`); a leading `-` excludes rows the term matches.
 *
 * @example compileFilter('state:listen -user:root port:1024-65535')
 */
export function compileFilter(text: string): CompiledFilter {
  try {
    const raws = tokenize(text);
    const clauses: FilterTerm[][] = [];
    const tests: RowTest[][] = [];
    let joinNext = false;
    for (const raw of raws) {
      if (raw.isOr) {
        if (clauses.length === 0 || joinNext) {
          throw new FilterSyntaxError('OR needs a term on each side', raw.start);
        }
        joinNext = true;
        continue;
      }
      const { term, valueStart } = classify(raw, text);
      const matches = compileTerm(term, valueStart);
      const test: RowTest = term.negated ? (row) => !matches(row) : matches;
      if (joinNext) {
        clauses[clauses.length - 1]!.push(term);
        tests[tests.length - 1]!.push(test);
        joinNext = false;
      } else {
        clauses.push([term]);
        tests.push([test]);
      }
    }
    if (joinNext) {
      const last = raws[raws.length - 1]!;
      throw new FilterSyntaxError('OR needs a term on each side', last.start);
    }
    const clauseTests: RowTest[] = tests.map((alternatives) =>
      alternatives.length === 1
        ? alternatives[0]!
        : (row) => alternatives.some((test) => test(row)),
    );
    const test: RowTest =
      clauseTests.length === 0
        ? () => true
        : clauseTests.length === 1
          ? clauseTests[0]!
          : (row) => clauseTests.every((clause) => clause(row));
    return { ok: true, test, clauses, terms: clauses.flat(), empty: clauses.length === 0 };
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      return { ok: false, error: error.message, position: error.position };
    }
    throw error;
  }
}
