// Write a file so that it is either the complete new content or untouched: write a temporary file
// in the same directory (same file system, so rename is atomic), fsync it, then rename it over the
// target. On any failure the temporary file is removed and the old file, if any, stays as it was.
// https://man7.org/linux/man-pages/man2/rename.2.html ("atomically replaced")
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { notRegularFile, symlinkRefused, translateWriteError } from './export-error';

/** Encoded text is written in blocks of about this size: one system call per block. */
const WRITE_BLOCK_BYTES = 256 * 1024;

export type TextChunks = Iterable<string> | AsyncIterable<string>;

/** Writes every byte of `data`, looping over short writes. */
export async function writeAll(handle: fs.FileHandle, data: Buffer): Promise<void> {
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

/**
 * open(2) flags for a file only Portscope may have made: O_EXCL fails when the name exists at all
 * (a symlink included, which O_CREAT|O_EXCL never follows), and O_NOFOLLOW says so again for a
 * reader of this code. Windows has no O_NOFOLLOW; O_EXCL alone holds there.
 */
export const CREATE_NEW_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Exports and logs hold every process's command line: readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * What is at `file` now, without following a link. A symlink is refused: someone else may have
 * planted it (in /tmp, in a shared folder) so that a root export replaces the file it points to.
 * Anything else that is not a regular file (a folder, a FIFO, a device) is refused too.
 * Returns the mode to give the new file: an existing file of ours keeps its permission bits (a
 * log made readable on purpose stays so); anything else gets PRIVATE_FILE_MODE.
 */
async function checkTarget(file: string): Promise<{ existed: boolean; mode: number }> {
  let stat: Stats;
  try {
    stat = await fs.lstat(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      return { existed: false, mode: PRIVATE_FILE_MODE };
    }
    throw error;
  }
  if (stat.isSymbolicLink()) {
    const to = await fs.readlink(file).catch(() => null);
    throw symlinkRefused(file, to);
  }
  if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw notRegularFile(file);
  const ours = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  return { existed: true, mode: ours ? stat.mode & 0o777 : PRIVATE_FILE_MODE };
}

/**
 * Atomically replace `file` with the text of `chunks`. Throws ExportWriteError (EACCES, ENOENT,
 * ENOSPC, EFBIG …) with a message a person can act on; the old file is intact then.
 * A symbolic link is never written through (see checkTarget); rename(2) replaces a directory
 * entry and never follows one either, so a link swapped in after the check is replaced itself.
 * A new file is created 0600.
 */
export async function writeFileAtomic(
  file: string,
  chunks: TextChunks,
): Promise<{ path: string; bytes: number }> {
  const target = path.resolve(file);
  let existing: { existed: boolean; mode: number };
  try {
    existing = await checkTarget(target);
  } catch (error) {
    throw translateWriteError(error, target, false);
  }
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(temp, CREATE_NEW_FLAGS, PRIVATE_FILE_MODE);
    const bytes = await writeChunks(handle, chunks);
    // The umask may have taken bits off; set exactly the mode we mean.
    await handle.chmod(existing.mode);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
    await syncDirectory(path.dirname(target));
    return { path: target, bytes };
  } catch (error) {
    if (handle) await handle.close().catch(() => {});
    await fs.rm(temp, { force: true }).catch(() => {});
    throw translateWriteError(error, target, existing.existed);
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
