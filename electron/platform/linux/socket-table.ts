// Where the Linux socket table comes from: sock_diag (netlink, with traffic counters) first, and
// /proc/net/{tcp,tcp6,udp,udp6} where sock_diag cannot be used: no netlink in a sandbox, a kernel
// without the inet_diag or udp_diag module, or no koffi. The choice is made per table, so a
// missing udp_diag costs only UDP's table, and a failed table is tried on sock_diag again after a
// while (a passing failure does not lose the counters for good).
import type { IpFamily, Protocol, RawSocket } from '../../../shared/model';
import { isGoneError, translateFsError } from '../errors';
import { AddressDecoder } from './address-decoder';
import { ProcFileReader } from './proc-file-reader';
import { parseProcNetTable } from './proc-net-parser';
import { TABLE_STATES } from './sock-diag/constants';
import type { OpenNetlinkChannel } from './sock-diag/netlink-channel';
import { SockDiagReader } from './sock-diag/sock-diag-reader';

export type SocketTableSource = 'sock-diag' | 'proc';

export interface SocketTableOptions {
  procRoot: string;
  /** 'sock-diag' (default): netlink first, /proc/net as the fallback. 'proc': /proc/net only. */
  source: SocketTableSource;
  openSockDiag?: OpenNetlinkChannel;
  /** How long a table that failed on sock_diag is read from /proc before sock_diag is tried again. */
  retrySockDiagMs?: number;
  littleEndian: boolean;
}

export interface SocketTableRead {
  sockets: RawSocket[];
  malformedLines: number;
  /** Why traffic counters are missing, when a TCP table came from /proc/net; else empty. */
  warnings: string[];
  /** Which reader each table came from, for tests and the benchmark ("tcp6" -> "proc"). */
  sources: Record<string, SocketTableSource>;
}

interface Table {
  name: string;
  file: string;
  protocol: Protocol;
  family: IpFamily;
  /** tcp6/udp6 are absent when IPv6 is disabled (ipv6.disable=1): no IPv6 sockets, no error. */
  optional: boolean;
}

const TABLES: readonly Table[] = [
  { name: 'tcp', file: 'net/tcp', protocol: 'tcp', family: 4, optional: false },
  { name: 'tcp6', file: 'net/tcp6', protocol: 'tcp', family: 6, optional: true },
  { name: 'udp', file: 'net/udp', protocol: 'udp', family: 4, optional: false },
  { name: 'udp6', file: 'net/udp6', protocol: 'udp', family: 6, optional: true },
];

const TCP_TABLES = TABLES.filter((table) => table.protocol === 'tcp');

export class LinuxSocketTable {
  private readonly procReader = new ProcFileReader();
  private readonly decoder: AddressDecoder;
  private readonly sockDiag: SockDiagReader | null;
  private readonly retryMs: number;
  /** Tables sock_diag failed on: when, and why (shown while they are read from /proc). */
  private readonly failed = new Map<string, { at: number; reason: string }>();

  constructor(private readonly options: SocketTableOptions) {
    this.decoder = new AddressDecoder(8192, options.littleEndian);
    this.sockDiag =
      options.source === 'sock-diag'
        ? new SockDiagReader({ open: options.openSockDiag, littleEndian: options.littleEndian })
        : null;
    this.retryMs = options.retrySockDiagMs ?? 60_000;
  }

  read(now = Date.now()): SocketTableRead {
    const sockets: RawSocket[] = [];
    const sources: Record<string, SocketTableSource> = {};
    const reasons = new Set<string>();
    let malformedLines = 0;
    for (const table of TABLES) {
      // tcp6 came with tcp: one sock_diag dump holds both.
      if (sources[table.name] !== undefined) continue;
      if (this.sockDiag && this.sockDiagWorthTrying(table, now)) {
        // TCP as one dump of both families, so that the kernel walks its table once (and both
        // fall back together); UDP per family.
        const covered = table.protocol === 'tcp' ? TCP_TABLES : [table];
        try {
          const outcome =
            table.protocol === 'tcp'
              ? this.sockDiag.readTcp(TABLE_STATES, sockets)
              : this.sockDiag.readTable(table.protocol, table.family, TABLE_STATES, sockets);
          malformedLines += outcome.malformedMessages + (outcome.malformedBytes > 0 ? 1 : 0);
          for (const t of covered) {
            this.failed.delete(t.name);
            sources[t.name] = 'sock-diag';
          }
          continue;
        } catch (error) {
          for (const t of covered) this.failed.set(t.name, { at: now, reason: reasonOf(error) });
        }
      }
      const failure = this.failed.get(table.name);
      if (failure && table.protocol === 'tcp') reasons.add(failure.reason);
      malformedLines += this.readProcTable(table, sockets);
      sources[table.name] = 'proc';
    }
    const warnings = [...reasons].map(
      (reason) =>
        `Traffic counters are not shown: ${reason} Sockets are read from /proc/net instead, ` +
        'which has none.',
    );
    return { sockets, malformedLines, warnings, sources };
  }

  close(): void {
    this.sockDiag?.close();
  }

  private sockDiagWorthTrying(table: Table, now: number): boolean {
    const failure = this.failed.get(table.name);
    return failure === undefined || now - failure.at >= this.retryMs;
  }

  /** One /proc/net table appended to `into`; returns its malformed lines. */
  private readProcTable(table: Table, into: RawSocket[]): number {
    const path = `${this.options.procRoot}/${table.file}`;
    let text: string;
    try {
      text = this.procReader.read(path);
    } catch (error) {
      if (table.optional && isGoneError(error)) return 0;
      throw translateFsError(error, `${path} (is /proc mounted?)`);
    }
    const parsed = parseProcNetTable(text, table.protocol, table.family, this.decoder);
    for (const socket of parsed.sockets) into.push(socket);
    return parsed.malformedLines;
  }
}

/** The error as a sentence that ends with a full stop. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
