// Programs the tests run for real, and the Debian package each comes in: a machine without one
// gets this message instead of "spawn cc ENOENT" (`bash .ci/run` installs them all; the tests never
// skip for a missing tool).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const PACKAGES = {
  ss: 'iproute2',
  setpriv: 'util-linux',
  prlimit: 'util-linux',
  mount: 'mount',
  umount: 'mount',
  cc: 'gcc (with libc6-dev)',
} as const;

export type Tool = keyof typeof PACKAGES;

const found = new Set<string>();

function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Throws a message naming the package when `name` is not on the PATH. */
export function requireTool(name: Tool): void {
  if (found.has(name)) return;
  if (!onPath(name)) {
    throw new Error(
      `This test runs ${name}, which is not installed: install the Debian package ` +
        `${PACKAGES[name]} (bash .ci/run installs everything the tests need).`,
    );
  }
  found.add(name);
}

/** requireTool for a wrapper command such as ['setpriv', …], when it is one of ours. */
export function requireWrapper(wrapper: readonly string[] | undefined): void {
  const name = wrapper?.[0];
  if (name && name in PACKAGES) requireTool(name as Tool);
}
