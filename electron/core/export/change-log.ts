// "Log changes" (CurrPorts): every connection that opens or closes is appended to a file with a
// time stamp, as JSON lines or CSV. When the file would grow past maxBytes it is renamed to
// FILE.1 (replacing an older FILE.1) and a new file begins, so the log never fills the disk.
// Fed with the table's deltas; it keeps the last version of every row so that a closed row
// (which a delta names only by id) is logged with its details and its owning process.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { COLUMNS } from '../../../shared/columns';
import { connectionToJson, neutraliseFormula } from '../../../shared/export';
import type { LogFormat } from '../../../shared/export/settings-schema';
import type { Connection, ConnectionDelta } from '../../../shared/model';
import { CREATE_NEW_FLAGS, PRIVATE_FILE_MODE, writeAll } from './atomic-write';
import { notRegularFile, translateWriteError, type ExportWriteError } from './export-error';

export type ChangeEvent = 'opened' | 'closed';

export interface ChangeLogOptions {
  path: string;
  format: LogFormat;
  maxBytes: number;
  /** A write failed (disk full, folder gone …); logging goes on with the next change. */
  onError?(error: ExportWriteError): void;
  now?(): number;
}

const CSV_SETTINGS = { record_delimiter: 'windows' as const };

export function changeLogHeader(format: LogFormat): string {
  if (format === 'jsonl') return '';
  return stringify(
    [['Time', 'Event', 'Id', ...COLUMNS.map((column) => column.header)]],
    CSV_SETTINGS,
  );
}

/** One log line: JSON with time and event first, then the Connection fields; or a CSV record. */
export function changeLogLine(
  format: LogFormat,
  event: ChangeEvent,
  at: number,
  row: Connection,
): string {
  const time = new Date(at).toISOString();
  if (format === 'jsonl') {
    return `${JSON.stringify({ time, event, ...connectionToJson(row) })}\n`;
  }
  const cells = [time, event, row.id, ...COLUMNS.map((column) => column.text(row))];
  return stringify([cells.map(neutraliseFormula)], CSV_SETTINGS);
}

/**
 * A connection in TIME_WAIT or CLOSE is over for the people using it: no process owns it any more
 * and the kernel keeps it only to absorb late packets (TIME_WAIT lasts 60 s on Linux,
 * include/net/tcp.h TCP_TIMEWAIT_LEN). The log calls it closed then, not a minute later.
 */
function isFinished(row: Connection): boolean {
  return row.state === 'TIME_WAIT' || row.state === 'CLOSE';
}

export class ChangeLog {
  private readonly rows = new Map<string, Connection>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ChangeLogOptions) {}

  get path(): string {
    return this.options.path;
  }

  /** Rows already open when logging starts: remembered, not logged. */
  seed(rows: Iterable<Connection>): void {
    for (const row of rows) this.rows.set(row.id, row);
  }

  /**
   * Log one delta: added rows as opened; removed rows, and rows that reach TIME_WAIT or CLOSE, as
   * closed (once). Writes are serialized.
   */
  record(
    delta: Pick<ConnectionDelta, 'added' | 'updated' | 'removed'>,
    at?: number,
  ): Promise<void> {
    const time = at ?? (this.options.now ?? Date.now)();
    const { format } = this.options;
    let text = '';
    for (const id of delta.removed) {
      const row = this.rows.get(id);
      if (!row) continue;
      this.rows.delete(id);
      if (!isFinished(row)) text += changeLogLine(format, 'closed', time, row);
    }
    for (const row of delta.updated) {
      const previous = this.rows.get(row.id);
      if (!previous) continue;
      this.rows.set(row.id, row);
      if (!isFinished(previous) && isFinished(row)) {
        // The kernel has taken the socket from its process: log who owned it, and the new state.
        text += changeLogLine(format, 'closed', time, { ...previous, state: row.state });
      }
    }
    for (const row of delta.added) {
      this.rows.set(row.id, row);
      text += changeLogLine(format, 'opened', time, row);
      // Opened and closed between two polls: it is already only a TIME_WAIT remnant.
      if (isFinished(row)) text += changeLogLine(format, 'closed', time, row);
    }
    if (text === '') return this.queue;
    this.queue = this.queue.then(() => this.append(text));
    return this.queue;
  }

  /** Resolves when every change recorded so far is on disk (or has failed and been reported). */
  flush(): Promise<void> {
    return this.queue;
  }

  private async append(text: string): Promise<void> {
    const file = this.options.path;
    let log: OpenLog | null = null;
    try {
      log = await openLog(file);
      const bytes = Buffer.byteLength(text);
      if (log.size > 0 && log.size + bytes > this.options.maxBytes) {
        // rename(2) moves the directory entry itself; it never follows a link.
        await log.handle.close();
        log = null;
        await fs.rename(file, `${file}.1`);
        log = await openLog(file);
      }
      const data = log.size === 0 ? changeLogHeader(this.options.format) + text : text;
      await writeAll(log.handle, Buffer.from(data, 'utf8'));
    } catch (error) {
      const existed = log !== null && (await undoPartialAppend(file, log));
      // Say what became of the file: a log that was there keeps its earlier lines; when there
      // was none (e.g. its folder is missing), none was made.
      this.options.onError?.(translateWriteError(error, file, existed));
    } finally {
      await log?.handle.close().catch(() => undefined);
    }
  }
}

interface OpenLog {
  handle: fs.FileHandle;
  /** Its size when opened: where a failed append is cut back to. */
  size: number;
  /** This open made the file. */
  created: boolean;
}

/**
 * Open the log for appending, never through a symbolic link (O_NOFOLLOW: ELOOP, refused with a
 * clear message), never blocking on a FIFO planted at its name (O_NONBLOCK: a FIFO without a
 * reader fails with ENXIO at once; on a regular file the flag changes nothing), and only when it
 * is a regular file with no other hard link (writing it would change the other names too). A new
 * log is created 0600: it holds every process's command line.
 */
async function openLog(file: string): Promise<OpenLog> {
  const flags =
    constants.O_WRONLY |
    constants.O_APPEND |
    (constants.O_NOFOLLOW ?? 0) |
    (constants.O_NONBLOCK ?? 0);
  let created = false;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, flags);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    handle = await fs.open(file, CREATE_NEW_FLAGS | constants.O_APPEND, PRIVATE_FILE_MODE);
    created = true;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw notRegularFile(file);
    if (stat.nlink > 1) throw Object.assign(new Error('hard-linked'), { code: 'EMLINK' });
    if (created) await handle.chmod(PRIVATE_FILE_MODE);
    return { handle, size: stat.size, created };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * After a failed append (disk full, file size limit) part of the text may be on disk: cut the
 * file back to its size before this append through the open descriptor, or remove it if this
 * append created it. Returns whether a log file from before is still there. Best effort.
 */
async function undoPartialAppend(file: string, log: OpenLog): Promise<boolean> {
  if (log.created) {
    await fs.unlink(file).catch(() => undefined);
    return false;
  }
  await log.handle.truncate(log.size).catch(() => undefined);
  return true;
}

export function defaultChangeLogPath(dataDir: string, format: LogFormat): string {
  return path.join(dataDir, `connection-log.${format === 'jsonl' ? 'jsonl' : 'csv'}`);
}
