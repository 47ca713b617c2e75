// The window's small pure parts: which rows an action takes (the focused row and the selection it
// is part of), Shift+arrow ranges, what the Process cell says without a process, the status bar's
// counts, why the table is empty, where an IPv6 address is split, which part of the filter an
// error is about, and the Why text's order.
import { describe, expect, it } from 'vitest';
import { actionTargets, rangeBetween } from '../../renderer/src/grid/action-targets';
import { splitForMiddleEllipsis } from '../../renderer/src/grid/cells/middle-ellipsis';
import { hiddenByToggles } from '../../renderer/src/grid/empty-reasons';
import { ownerPlaceholder } from '../../renderer/src/grid/owner-text';
import { shownText } from '../../renderer/src/status/status-text';
import { offendingPart } from '../../renderer/src/toolbar/filter-error-text';
import { whyCellText, whyTooltipText } from '../../renderer/src/features/rules/why-text';
import { resolveThemeMode } from '../../renderer/src/theme/palette';
import { defaultSettings } from '../../shared/settings';
import type { Suspicion } from '../../shared/model';
import { makeConnection, UNOWNED } from '../support/connection-fixture';

const row = (id: string) => ({ id });

describe('action targets', () => {
  it('the focused row alone when nothing is selected', () => {
    expect(actionTargets(row('b'), [])).toEqual([row('b')]);
    expect(actionTargets(null, [])).toEqual([]);
  });

  it('the selection with the focused row first when it is part of it', () => {
    expect(actionTargets(row('b'), [row('a'), row('b'), row('c')])).toEqual([
      row('b'),
      row('a'),
      row('c'),
    ]);
  });

  it('the highlighted selection when the focused row was taken out of it', () => {
    expect(actionTargets(row('d'), [row('a')])).toEqual([row('a')]);
  });

  it('Shift ranges run between anchor and focus in display order, either way', () => {
    const shown = ['a', 'b', 'c', 'd', 'e'];
    expect(rangeBetween(shown, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(shown, 'd', 'b')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(shown, 'gone', 'c')).toEqual(['c']);
  });
});

describe('owner placeholder', () => {
  it('says a closing connection has no process, whatever the privilege', () => {
    const closing = makeConnection({ ...UNOWNED, state: 'TIME_WAIT' });
    expect(ownerPlaceholder(closing, true)?.text).toBe('closed (no process)');
    expect(ownerPlaceholder(closing, false)?.explanation).toContain('TIME_WAIT');
  });

  it('says owner unknown without privilege, and no process found with it', () => {
    const hidden = makeConnection({ ...UNOWNED, inode: 4711, socketUid: 1000, state: 'LISTEN' });
    expect(ownerPlaceholder(hidden, false)).toMatchObject({ text: 'owner unknown' });
    expect(ownerPlaceholder(hidden, false)?.explanation).toContain('uid 1000');
    expect(ownerPlaceholder(hidden, true)?.text).toBe('no process found');
    expect(ownerPlaceholder(makeConnection(), false)).toBeNull();
  });
});

describe('status bar counts', () => {
  it('use thousands separators and never show more than the total', () => {
    expect(shownText(11462, 11462, 0)).toBe('Showing 11,462 of 11,462');
    expect(shownText(0, 1000, 2)).toBe('Showing 0 of 1,000 · 2 selected');
  });
});

describe('empty table reasons', () => {
  it('names the toggles that hide rows', () => {
    const view = defaultSettings.view;
    expect(hiddenByToggles(view)).toBeNull();
    expect(hiddenByToggles({ ...view, udp: false })).toBe('UDP is hidden');
    expect(hiddenByToggles({ ...view, udp: false, ipv6: false, listening: false })).toBe(
      'UDP, IPv6 and listening sockets are hidden',
    );
  });
});

describe('middle ellipsis', () => {
  it('keeps the last two groups of a long IPv6 address apart, leaves short ones whole', () => {
    expect(splitForMiddleEllipsis('2001:db8:85a3::8a2e:370:7334')).toEqual([
      '2001:db8:85a3::8a2e:',
      '370:7334',
    ]);
    expect(splitForMiddleEllipsis('127.0.0.1')).toEqual(['127.0.0.1', '']);
    expect(splitForMiddleEllipsis('::1')).toEqual(['::1', '']);
  });
});

describe('filter error part', () => {
  it('is the one term at the error, not the whole filter', () => {
    expect(offendingPart('firefox port:80x state:listen', 13)).toBe('port:80x');
    expect(offendingPart('proc:a OR', 7)).toBe('OR');
    expect(offendingPart('', 0)).toBe('');
  });
});

describe('Why text', () => {
  it('lists the most severe reason first, in the cell and the tooltip', () => {
    const mixed: Suspicion = {
      severity: 'danger',
      reasons: [
        { rule: 'hidden-location', message: 'runs from ~/.cache/x' },
        { rule: 'fileless-executable', message: 'runs from memory' },
        { rule: 'temporary-location', message: 'runs from /tmp/' },
      ],
    };
    expect(whyCellText(mixed)).toBe('runs from memory; runs from /tmp/; runs from ~/.cache/x');
    expect(
      whyTooltipText(mixed)
        ?.split('\n\n')
        .map((part) => part.split(':')[0]),
    ).toEqual(['Danger', 'Warning', 'Notice']);
  });
});

describe('theme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveThemeMode('system', true)).toBe('dark');
    expect(resolveThemeMode('system', false)).toBe('light');
    expect(resolveThemeMode('light', true)).toBe('light');
    expect(resolveThemeMode('dark', false)).toBe('dark');
  });
});
