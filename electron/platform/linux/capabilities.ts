// Whether this process may look into every other process's open files. Root may (unless a
// container took CAP_SYS_PTRACE away, which the attribution notices by itself); so may a process
// of any user that holds CAP_SYS_PTRACE, the capability the kernel checks before it shows
// /proc/PID/fd of another user's process (ptrace_may_access, PTRACE_MODE_READ_FSCREDS:
// https://man7.org/linux/man-pages/man2/ptrace.2.html, "Ptrace access mode checking"). That is how
// a setcap'd Portscope, or a service account granted the capability, sees every owner without
// being root.
import { readFileSync } from 'node:fs';

/** Capability numbers from include/uapi/linux/capability.h. */
export const CAP_SYS_PTRACE = 19;

/**
 * The effective capability set of /proc/PID/status text, as a bigint bit mask; null when the
 * line is missing or unreadable. "CapEff:\t000001ffffffffff" -> 0x1ffffffffffn.
 */
export function parseEffectiveCapabilities(statusText: string): bigint | null {
  const match = /^CapEff:[ \t]*([0-9a-fA-F]{1,16})[ \t]*$/m.exec(statusText);
  return match ? BigInt(`0x${match[1]}`) : null;
}

export function hasCapability(mask: bigint | null, capability: number): boolean {
  return mask !== null && (mask & (1n << BigInt(capability))) !== 0n;
}

/** True when this process may read every process's open files: root, or CAP_SYS_PTRACE. */
export function seesEveryProcessOwner(procRoot = '/proc'): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    const status = readFileSync(`${procRoot}/self/status`, 'latin1');
    return hasCapability(parseEffectiveCapabilities(status), CAP_SYS_PTRACE);
  } catch {
    return false;
  }
}
