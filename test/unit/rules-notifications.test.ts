// Which new suspicious rows raise a desktop notice, and the rate limits (time passed in).
import { describe, expect, it } from 'vitest';
import type { Connection, Suspicion } from '../../shared/model';
import {
  createNotificationLimiter,
  describeForNotice,
} from '../../electron/core/rules/notifications';
import { makeConnection } from '../support/connection-fixture';

const warning: Suspicion = {
  severity: 'warning',
  reasons: [
    { rule: 'backdoor-port', message: 'Listens on port 4444, a port associated with backdoors' },
  ],
};

function row(pid: number | null, suspicion: Suspicion | null = warning, start = 1000): Connection {
  return makeConnection({
    id: `tcp|4|0.0.0.0:${pid}|`,
    localAddress: '0.0.0.0',
    localPort: 4444,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    socketUid: 0,
    pid,
    processName: pid === null ? null : 'nc',
    processPath: pid === null ? null : '/usr/bin/nc.openbsd',
    commandLine: null,
    user: 'root',
    parentPid: null,
    processStartTime: start,
    firstSeen: 0,
    suspicion,
  });
}

describe('notification limiter', () => {
  it('says what and why', () => {
    expect(describeForNotice(row(77))).toEqual({
      title: 'Suspicious connection: nc (pid 77)',
      body: 'TCP 0.0.0.0:4444\nListens on port 4444, a port associated with backdoors',
      severity: 'warning',
    });
  });

  it('ignores clean rows and notice-level rows', () => {
    const limiter = createNotificationLimiter();
    expect(limiter.consider(row(1, null), 0)).toBeNull();
    expect(limiter.consider(row(1, { ...warning, severity: 'notice' }), 0)).toBeNull();
  });

  it('shows one notice per process per minute', () => {
    const limiter = createNotificationLimiter();
    expect(limiter.consider(row(10), 0)).not.toBeNull();
    expect(limiter.consider(row(10), 59_999)).toBeNull();
    expect(limiter.consider(row(11), 59_999)).not.toBeNull();
    expect(limiter.consider(row(10), 60_000)).not.toBeNull();
    // Same pid, another process (pid reused after the first exited): a new process.
    expect(limiter.consider(row(11, warning, 2000), 60_001)).not.toBeNull();
  });

  it('caps bursts and summarizes what it held back', () => {
    const limiter = createNotificationLimiter({ maxPerWindow: 2 });
    expect(limiter.consider(row(1), 0)).not.toBeNull();
    expect(limiter.consider(row(2), 1)).not.toBeNull();
    expect(limiter.consider(row(3), 2)).toBeNull();
    expect(limiter.consider(row(4), 3)).toBeNull();
    const next = limiter.consider(row(5), 60_001);
    expect(next?.body).toContain('(2 more suspicious connections not shown: see the table)');
  });
});
