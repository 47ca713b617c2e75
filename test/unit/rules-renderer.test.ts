// The renderer's rules helpers: row tint classes, counts, the suspicious-only predicate, the Why
// text and tooltip, port-list editing, and the "Mark as known" choices for a row.
import { describe, expect, it } from 'vitest';
import type { Connection, Suspicion } from '../../shared/model';
import { markKnownChoices } from '../../shared/rules/mark-known-choices';
import { makeConnection } from '../support/connection-fixture';
import { parsePortList, formatPortList } from '../../renderer/src/features/rules/port-list';
import { countSuspicion, suspicionRowClass } from '../../renderer/src/features/rules/severity';
import {
  passesSuspiciousOnly,
  setSuspiciousOnly,
  suspiciousOnlyActive,
  onSuspiciousOnlyChange,
} from '../../renderer/src/features/rules/suspicious-only';
import { whyCellText, whyTooltipText } from '../../renderer/src/features/rules/why-text';

const danger: Suspicion = {
  severity: 'danger',
  reasons: [
    {
      rule: 'kernel-thread-name',
      message: 'kworker/0:7 looks like a kernel thread but runs /tmp/x',
    },
    { rule: 'temporary-location', message: 'kworker/0:7 runs from /tmp/, a temporary directory' },
  ],
};

describe('severity helpers', () => {
  it('tints by the highest severity and counts rows', () => {
    expect(suspicionRowClass({ suspicion: danger })).toBe('ps-suspicion-danger');
    expect(suspicionRowClass({ suspicion: null })).toBeUndefined();
    const counts = countSuspicion([
      { suspicion: danger },
      { suspicion: null },
      { suspicion: { severity: 'notice', reasons: [] } },
      { suspicion: danger },
    ]);
    expect(counts).toEqual({ danger: 2, warning: 0, notice: 1, total: 3 });
  });

  it('suspicious-only hides clean rows while on and tells the grid when it flips', () => {
    const flips: boolean[] = [];
    const stop = onSuspiciousOnlyChange((on) => flips.push(on));
    expect(suspiciousOnlyActive()).toBe(false);
    expect(passesSuspiciousOnly({ suspicion: null })).toBe(true);
    setSuspiciousOnly(true);
    expect(passesSuspiciousOnly({ suspicion: null })).toBe(false);
    expect(passesSuspiciousOnly({ suspicion: danger })).toBe(true);
    setSuspiciousOnly(true);
    setSuspiciousOnly(false);
    stop();
    expect(flips).toEqual([true, false]);
  });
});

describe('Why text', () => {
  it('names each reason, and the tooltip explains each rule', () => {
    expect(whyCellText(danger)).toBe(
      'kworker/0:7 looks like a kernel thread but runs /tmp/x; kworker/0:7 runs from /tmp/, a temporary directory',
    );
    const tooltip = whyTooltipText(danger) ?? '';
    expect(tooltip.split('\n\n')).toHaveLength(2);
    expect(tooltip).toMatch(/^Danger: Pretends to be a kernel thread\nkworker\/0:7 looks like/);
    expect(tooltip).toContain('Kernel threads have no executable');
    expect(whyTooltipText(null)).toBeNull();
  });
});

describe('port lists', () => {
  it('parses what people type and rejects what is not a port', () => {
    expect(parsePortList('4444, 1337 31337;4444')).toEqual({ ports: [1337, 4444, 31337] });
    expect(parsePortList('')).toEqual({ ports: [] });
    expect(parsePortList('22, 70000')).toEqual({ error: '"70000" is not a port (1–65535)' });
    expect(parsePortList('ssh')).toEqual({ error: '"ssh" is not a port (1–65535)' });
    expect(formatPortList([22, 80])).toBe('22, 80');
  });
});

describe('mark as known choices', () => {
  const base = makeConnection({
    id: 'row-1',
    remoteAddress: '127.0.0.77',
    remotePort: 4444,
    processName: 'nc',
    processPath: '/usr/bin/nc.openbsd',
  });

  it('offers process by hash and path, the remote address and the remote port', () => {
    expect(markKnownChoices(base).map((c) => c.request)).toEqual([
      { kind: 'process', rowId: 'row-1', by: 'hash' },
      { kind: 'process', rowId: 'row-1', by: 'path' },
      { kind: 'remoteAddress', address: '127.0.0.77' },
      { kind: 'port', port: 4444 },
    ]);
  });

  it('offers path only for a deleted executable, and the local port for a listener', () => {
    const listener: Connection = {
      ...base,
      state: 'LISTEN',
      remoteAddress: null,
      remotePort: null,
      processPathDeleted: true,
    };
    expect(markKnownChoices(listener).map((c) => c.request)).toEqual([
      { kind: 'process', rowId: 'row-1', by: 'path' },
      { kind: 'port', port: 40000 },
    ]);
  });
});
