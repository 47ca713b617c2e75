// /proc/PID/stat, /proc/stat, status, cmdline and passwd parsers on text from this machine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePasswd } from '../../electron/platform/linux/passwd';
import { displayName } from '../../electron/platform/linux/process-info';
import {
  parseBootTime,
  parseCmdline,
  parseProcPidStat,
  parseStatusUid,
  startTicksToEpochMs,
} from '../../electron/platform/linux/proc-stat-parser';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'utf8');

describe('parseProcPidStat', () => {
  it('reads a comm containing ") (" and spaces', () => {
    expect(parseProcPidStat(fixture('pid-stat-odd-comm.txt'))).toEqual({
      pid: 12472,
      comm: 'my) (odd prog',
      state: 'S',
      parentPid: 12471,
      startTicks: 303418,
    });
  });

  it('reads a plain line', () => {
    const line =
      '1 (systemd) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 12 1000 100 18446744073709551615';
    expect(parseProcPidStat(line)).toMatchObject({
      pid: 1,
      comm: 'systemd',
      parentPid: 0,
      startTicks: 12,
    });
  });

  it('rejects text that is not a stat line', () => {
    expect(parseProcPidStat('')).toBeNull();
    expect(parseProcPidStat('12 (x) S 1')).toBeNull();
    expect(
      parseProcPidStat('abc (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20'),
    ).toBeNull();
  });
});

describe('boot time and start time', () => {
  it('reads btime from /proc/stat', () => {
    expect(parseBootTime(fixture('proc/stat'))).toBe(1795640932);
    expect(parseBootTime('cpu 1 2 3\n')).toBeNull();
  });

  it('turns clock ticks (USER_HZ = 100) after boot into ms since the epoch', () => {
    expect(startTicksToEpochMs(303418, 1795640932)).toBe(1795640932000 + 3034180);
  });
});

describe('status and cmdline', () => {
  it('takes the effective uid from the Uid line', () => {
    expect(parseStatusUid('Name:\tsudo\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n')).toBe(
      0,
    );
    expect(parseStatusUid('Name:\tx\n')).toBeNull();
  });

  it('joins NUL-separated arguments and drops trailing NUL padding', () => {
    expect(parseCmdline('/tmp/linuxcap/my) (odd prog\x0030\x00')).toBe(
      '/tmp/linuxcap/my) (odd prog 30',
    );
    expect(parseCmdline('portscope-child\x00\x00\x00\x00')).toBe('portscope-child');
    expect(parseCmdline('')).toBeNull();
  });

  it('uses the full argv[0] name when comm was cut at 15 bytes', () => {
    expect(displayName('gnome-shell-cal', '/usr/libexec/gnome-shell-calendar-server')).toBe(
      'gnome-shell-calendar-server',
    );
    expect(displayName('node', '/usr/bin/node server.js')).toBe('node');
    expect(displayName('kworker/0:1-eve', null)).toBe('kworker/0:1-eve');
    expect(displayName('abcdefghijklmno', '/usr/bin/python3 x.py')).toBe('abcdefghijklmno');
  });
});

describe('parsePasswd', () => {
  it('maps uids to names from the real /etc/passwd', () => {
    const names = parsePasswd(fixture('passwd'));
    expect(names.get(0)).toBe('root');
    expect(names.get(65534)).toBe('nobody');
  });

  it('skips comments, NIS lines and bad uids; the first entry for a uid wins', () => {
    const names = parsePasswd(
      '# comment\n+::::::\nroot:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/:/bin/sh\nbad:x:abc:0::/:/bin/sh\n\n',
    );
    expect([...names]).toEqual([[0, 'root']]);
  });
});
