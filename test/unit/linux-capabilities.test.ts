// Who may see every socket's owner: root, or a process holding CAP_SYS_PTRACE. Parsed on
// /proc/PID/status lines captured here (root's full set; nobody's empty set; a set of four
// capabilities given with setpriv --ambient-caps), and checked against this process for real.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CAP_SYS_PTRACE,
  hasCapability,
  parseEffectiveCapabilities,
  seesEveryProcessOwner,
} from '../../electron/platform/linux/capabilities';

const STATUS = (capEff: string) =>
  `Name:\tnode\nUid:\t65534\t65534\t65534\t65534\nCapInh:\t0000000000000000\nCapPrm:\t${capEff}\nCapEff:\t${capEff}\nCapBnd:\t000001ffffffffff\n`;

describe('parseEffectiveCapabilities', () => {
  it('reads the CapEff mask', () => {
    expect(parseEffectiveCapabilities(STATUS('000001ffffffffff'))).toBe(0x1ffffffffffn);
    expect(parseEffectiveCapabilities(STATUS('0000000000000000'))).toBe(0n);
    // kill (5), net_admin (12), sys_ptrace (19), dac_read_search (2)
    expect(parseEffectiveCapabilities(STATUS('0000000000081024'))).toBe(0x81024n);
    expect(parseEffectiveCapabilities('Name:\tx\n')).toBeNull();
  });

  it('tells whether CAP_SYS_PTRACE is held', () => {
    expect(hasCapability(0x81024n, CAP_SYS_PTRACE)).toBe(true);
    expect(hasCapability(0x1024n, CAP_SYS_PTRACE)).toBe(false);
    expect(hasCapability(null, CAP_SYS_PTRACE)).toBe(false);
  });
});

describe('seesEveryProcessOwner, for real', () => {
  it('is true for root, false for nobody, true for nobody holding CAP_SYS_PTRACE', () => {
    if (process.getuid?.() !== 0) return expect(seesEveryProcessOwner()).toBe(false);
    expect(seesEveryProcessOwner()).toBe(true);
    // As another user, the answer comes from the kernel's own view of that process.
    const read = (extra: string[]) =>
      spawnSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          ...extra,
          'sh',
          '-c',
          'grep CapEff /proc/self/status',
        ],
        { encoding: 'utf8' },
      );
    const plain = read([]);
    expect(plain.status).toBe(0);
    expect(hasCapability(parseEffectiveCapabilities(plain.stdout), CAP_SYS_PTRACE)).toBe(false);
    const granted = read(['--inh-caps=+sys_ptrace', '--ambient-caps=+sys_ptrace']);
    expect(granted.status).toBe(0);
    expect(hasCapability(parseEffectiveCapabilities(granted.stdout), CAP_SYS_PTRACE)).toBe(true);
  });
});
