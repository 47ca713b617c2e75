// Errors from writing an export or a log, in words a person can act on. The OS says EACCES or
// ENOSPC; the person needs to know which folder, what went wrong, and that nothing was damaged.
import path from 'node:path';

export class ExportWriteError extends Error {
  override name = 'ExportWriteError';

  constructor(
    message: string,
    /**
     * The errno code (EACCES, ENOSPC …); ELOOP for a symbolic link refused, ENOTREG for a FIFO,
     * device or socket where a file should be, EMLINK for a file with other hard links; or
     * 'UNKNOWN'.
     */
    readonly code: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const LINK_REASON =
  'Portscope never writes through a link: one planted by someone else could make it replace ' +
  'the file the link points to.';

/** A symbolic link where the export or log should go (`to`: where it points, when readable). */
export function symlinkRefused(file: string, to: string | null): ExportWriteError {
  const where = to === null ? '' : ` (to ${to})`;
  return new ExportWriteError(
    `Cannot write ${file}: it is a symbolic link${where}. ${LINK_REASON} Choose another name, ` +
      'or remove the link. No file was written.',
    'ELOOP',
    file,
  );
}

/** A FIFO, device or socket where a file should be. */
export function notRegularFile(file: string): ExportWriteError {
  return new ExportWriteError(
    `Cannot write ${file}: it is not a regular file (a pipe, device or socket). Choose a file ` +
      'name. Nothing was written.',
    'ENOTREG',
    file,
  );
}

function errnoCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/**
 * Translate a failure while writing `file`. `existed` says whether a file was already there
 * (then it is still intact, and the message says so).
 */
export function translateWriteError(
  error: unknown,
  file: string,
  existed: boolean,
): ExportWriteError {
  if (error instanceof ExportWriteError) return error;
  const code = errnoCode(error);
  const dir = path.dirname(file);
  const unchanged = existed
    ? ` The existing ${path.basename(file)} was left unchanged.`
    : ' No file was written.';
  let message: string;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      message = `Cannot write ${file}: permission denied in the folder ${dir}. Choose a folder you can write to, such as your home folder.`;
      break;
    case 'ENOENT':
      message = `Cannot write ${file}: the folder ${dir} does not exist (it may have been moved or deleted). Choose another folder.`;
      break;
    case 'ENOTDIR':
      message = `Cannot write ${file}: part of the path ${dir} is a file, not a folder. Choose another folder.`;
      break;
    case 'EISDIR':
      message = `Cannot write ${file}: it is a folder. Choose a file name.`;
      break;
    case 'ENOSPC':
      message = `Cannot write ${file}: the disk holding ${dir} is full. Free some space or choose another disk.`;
      break;
    case 'EDQUOT':
      message = `Cannot write ${file}: your disk quota on ${dir} is used up. Free some space or choose another disk.`;
      break;
    case 'EFBIG':
      message = `Cannot write ${file}: it would be larger than the biggest file this system lets Portscope write (a file size limit, see "ulimit -f"). Export fewer rows or raise the limit.`;
      break;
    case 'EROFS':
      message = `Cannot write ${file}: ${dir} is on a read-only file system. Choose another folder.`;
      break;
    case 'ELOOP':
      // open(2) with O_NOFOLLOW on a link (the change log): the link's target is unknown here.
      return symlinkRefused(file, null);
    case 'ENXIO':
      // open(2) with O_NONBLOCK of a FIFO nobody reads, or of a device with no device behind it.
      return notRegularFile(file);
    case 'EMLINK':
      message = `Cannot write ${file}: the file has other hard links, so writing it would change them too. Choose another name.`;
      break;
    case 'ENAMETOOLONG':
      message = `Cannot write ${file}: the file name is too long. Choose a shorter name.`;
      break;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      message = `Cannot write ${file}: ${detail}.`;
    }
  }
  return new ExportWriteError(message + unchanged, code, file, { cause: error });
}
