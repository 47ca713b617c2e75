// A process that gets exactly the pid of one that exited: pid reuse, for real, so tests can see
// that a kill aimed at the old process never reaches the new one. The kernel hands out
// ns_last_pid + 1 next (Documentation/admin-guide/sysctl/kernel.rst, "ns_last_pid"); setting it
// right before the fork makes the child take the pid. A process elsewhere forking in between
// takes it first now and then, so that is retried. Needs root.
import { writeFileSync } from 'node:fs';
import { spawnSocketChild, type SocketChild } from './socket-child';

export async function socketChildWithPid(
  pid: number,
  title = 'portscope-reused',
): Promise<SocketChild> {
  for (let attempt = 0; attempt < 50; attempt++) {
    writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1));
    const child = await spawnSocketChild({ title });
    if (child.pid === pid) return child;
    child.kill();
    await child.exited;
  }
  throw new Error(`could not start a process with pid ${pid} (the machine forks too much)`);
}
