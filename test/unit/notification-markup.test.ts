// Desktop notifications on Linux: the notification server renders markup in the body (issue
// 13.7), so a process named like a link or an image must arrive escaped; the summary is plain text
// in the spec and other OSes show text as is. Controls and bidi overrides are shown everywhere.
import { describe, expect, it } from 'vitest';
import {
  describeForNotice,
  escapeNotificationMarkup,
  noticeForDesktop,
} from '../../electron/core/rules/notifications';
import { makeConnection } from '../support/connection-fixture';

const hostile = makeConnection({
  id: 'x',
  pid: 4321,
  processName: '<a href="https://evil.example">Update</a>',
  processPath: '/tmp/<img src="file:///etc/shadow">',
  remoteAddress: '203.0.113.9',
  remotePort: 4444,
  firstSeen: 1,
  suspicion: {
    severity: 'danger',
    reasons: [
      { rule: 'temporary-location', message: 'It runs from /tmp/<img src="x"> & <b>friends</b>' },
      { rule: 'backdoor-port', message: 'Port 4444\u202e is used by backdoors' },
    ],
  },
});

describe('notification markup', () => {
  it('escapes &, < and > so no tag reaches the server', () => {
    expect(escapeNotificationMarkup('<b>a</b> & <a href="x">y</a>')).toBe(
      '&lt;b&gt;a&lt;/b&gt; &amp; &lt;a href="x"&gt;y&lt;/a&gt;',
    );
    expect(escapeNotificationMarkup('&amp;')).toBe('&amp;amp;');
  });

  it('a Linux notice has no markup in its body, every character of it shown', () => {
    const notice = noticeForDesktop(describeForNotice(hostile), 'linux');
    expect(notice.body).not.toMatch(/[<>]/);
    expect(notice.body).toContain('/tmp/&lt;img src="x"&gt; &amp; &lt;b&gt;friends&lt;/b&gt;');
    expect(notice.body).toContain('Port 4444⟦U+202E⟧ is used');
    expect(notice.body.split('\n')).toHaveLength(3);
    // The summary is plain text (not markup) for the server: escaping it would show "&lt;".
    expect(notice.title).toBe(
      'Suspicious connection: <a href="https://evil.example">Update</a> (pid 4321)',
    );
  });

  it('other OSes show the text as is (no markup is parsed there), controls still shown', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const notice = noticeForDesktop(describeForNotice(hostile), platform);
      expect(notice.body).toContain('/tmp/<img src="x"> & <b>friends</b>');
      expect(notice.body).toContain('⟦U+202E⟧');
    }
  });
});
