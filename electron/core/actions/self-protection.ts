// Processes Portscope refuses to end whatever the person asks: the system's first process, kernel
// threads, and Portscope itself (ending it from its own menu would just lose the window).
import type { ProcessIdentity } from '../../platform/types';

/** Facts about the running Portscope, passed in so the rule is a pure, testable function. */
export interface SelfFacts {
  pid: number;
  parentPid: number;
  /** process.execPath: the Electron binary in the app, node for the CLI. */
  execPath: string;
  /** True inside Electron: its helper processes (renderer, network service) share execPath. */
  electron: boolean;
}

export function currentSelfFacts(): SelfFacts {
  return {
    pid: process.pid,
    parentPid: process.ppid,
    execPath: process.execPath,
    electron: typeof process.versions.electron === 'string',
  };
}

/** Why this process must not be ended, or null when it may be. */
export function protectedProcessReason(who: ProcessIdentity, self: SelfFacts): string | null {
  if (who.pid <= 1) {
    return (
      `pid ${who.pid} is the system's init process: ending it would stop the whole system, ` +
      'so Portscope never does.'
    );
  }
  if (who.critical) return who.critical;
  if (who.kernelThread) {
    return `${who.name} (pid ${who.pid}) is a kernel thread: it is part of the kernel and cannot be ended.`;
  }
  if (who.pid === self.pid) {
    return `pid ${who.pid} is Portscope itself: close the window to quit instead.`;
  }
  const sameProgram = who.executable !== null && who.executable === self.execPath;
  if (self.electron && sameProgram && who.pid === self.parentPid) {
    return `pid ${who.pid} is Portscope's main process: close the window to quit instead.`;
  }
  if (self.electron && sameProgram && who.parentPid === self.pid) {
    return `pid ${who.pid} is one of Portscope's own helper processes (its network or window process).`;
  }
  return null;
}
