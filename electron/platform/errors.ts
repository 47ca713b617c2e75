// Domain errors that leave a platform backend. The OS speaks in errno codes (EACCES, ESRCH …);
// people need to know what happened and what to do about it, so every OS error is translated here,
// at the platform edge, into one of these with a message a person can act on.

export type PlatformErrorCode =
  'ACCESS_DENIED' | 'NO_SUCH_PROCESS' | 'NOT_SUPPORTED' | 'ALREADY_GONE' | 'REFUSED' | 'OS_ERROR';

export class PlatformError extends Error {
  override name = 'PlatformError';
  readonly code: PlatformErrorCode;

  constructor(code: PlatformErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The OS refused: the action or read needs more privileges than Portscope has. */
export class AccessDenied extends PlatformError {
  override name = 'AccessDenied';
  constructor(message: string, options?: { cause?: unknown }) {
    super('ACCESS_DENIED', message, options);
  }
}

/** The process does not exist (it exited, or the pid was never valid). */
export class NoSuchProcess extends PlatformError {
  override name = 'NoSuchProcess';
  constructor(message: string, options?: { cause?: unknown }) {
    super('NO_SUCH_PROCESS', message, options);
  }
}

/** This operating system (or this build of it) cannot do what was asked. */
export class NotSupported extends PlatformError {
  override name = 'NotSupported';
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_SUPPORTED', message, options);
  }
}

/** The thing acted on (socket, process) disappeared before the action: nothing left to do. */
export class AlreadyGone extends PlatformError {
  override name = 'AlreadyGone';
  constructor(message: string, options?: { cause?: unknown }) {
    super('ALREADY_GONE', message, options);
  }
}

/**
 * Whoever was asked to act said no by its own safety rules, not the OS: the elevated agent refuses
 * a pid or connection its own table does not show, a reused pid, pid 1 … (core/agent).
 */
export class Refused extends PlatformError {
  override name = 'Refused';
  constructor(message: string, options?: { cause?: unknown }) {
    super('REFUSED', message, options);
  }
}

/** Messages shared by the backends and the actions, so the advice reads the same everywhere. */
export const ROOT_ADVICE =
  "other users' processes can be seen only with administrator rights (in the window: Show all processes…; on the command line: sudo)";

function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** True for "the file or process went away": ENOENT from /proc, ESRCH from a signal. */
export function isGoneError(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ESRCH';
}

/** True for "not allowed": EACCES from a read, EPERM from a signal or ptrace-guarded file. */
export function isDeniedError(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'EACCES' || code === 'EPERM';
}

/**
 * Translate a Node fs/process error into a PlatformError. `what` names the thing being read or
 * acted on, as a person would say it ("/proc/1234/fd", "process 1234").
 * Already-translated errors pass through unchanged.
 */
export function translateFsError(err: unknown, what: string): PlatformError {
  if (err instanceof PlatformError) return err;
  const code = errnoCode(err);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new AccessDenied(`Permission denied reading ${what}: ${ROOT_ADVICE}.`, {
        cause: err,
      });
    case 'ENOENT':
      return new AlreadyGone(`${what} no longer exists (it ended or was removed).`, {
        cause: err,
      });
    case 'ESRCH':
      return new NoSuchProcess(`${what}: no such process (it has already exited).`, {
        cause: err,
      });
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new PlatformError('OS_ERROR', `Could not read ${what}: ${detail}`, { cause: err });
    }
  }
}
