// Write a file so that it is either the complete new content or untouched: write a temporary file
// in the same directory (same file system, so rename is atomic), fsync it, then rename it over the
// target. On any failure the temporary file is removed and the old file, if any, stays as it was.
// https://man7.org/linux/man-pages/man2/rename.2.html ("atomically replaced")
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { translateWriteError } from './export-error';

/** Encoded text is written in blocks of about this size: one system call per block. */
const WRITE_BLOCK_BYTES = 256 * 1024;

export type TextChunks = Iterable<string> | AsyncIterable<string>;

/** Writes every byte of `data`, looping over short writes. */
async function writeAll(handle: fs.FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/** Drains chunks into the file handle in blocks; resolves to the number of bytes written. */
export async function writeChunks(handle: fs.FileHandle, chunks: TextChunks): Promise<number> {
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const flush = async () => {
    const data = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    await writeAll(handle, data);
    bytes += data.length;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= WRITE_BLOCK_BYTES) await flush();
  }
  if (pendingLength > 0) await flush();
  return bytes;
}

async function existingMode(file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) {
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return stat.mode & 0o7777;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Atomically replace `file` with the text of `chunks`. Throws ExportWriteError (EACCES, ENOENT,
 * ENOSPC, EFBIG …) with a message a person can act on; the old file is intact then.
 * A symbolic link is followed: the file it points to is replaced, the link stays.
 */
export async function writeFileAtomic(
  file: string,
  chunks: TextChunks,
): Promise<{ path: string; bytes: number }> {
  const requested = path.resolve(file);
  const target = await fs.realpath(requested).catch(() => requested);
  let mode: number | null = null;
  try {
    mode = await existingMode(target);
  } catch (error) {
    throw translateWriteError(error, requested, false);
  }
  const existed = mode !== null;
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: fs.FileHandle | null = null;
  try {
    // O_EXCL: never write through a name someone else created in the meantime.
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    const bytes = await writeChunks(handle, chunks);
    // A replaced file keeps its permissions (a log kept private stays private).
    if (mode !== null) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
    await syncDirectory(path.dirname(target));
    return { path: requested, bytes };
  } catch (error) {
    if (handle) await handle.close().catch(() => {});
    await fs.rm(temp, { force: true }).catch(() => {});
    throw translateWriteError(error, requested, existed);
  }
}

/** Make the rename itself durable; not every file system allows opening a directory, so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // The data is already fsynced; only the directory entry's durability is at stake.
  } finally {
    await handle?.close().catch(() => {});
  }
}
