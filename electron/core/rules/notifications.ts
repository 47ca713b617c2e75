// Which new suspicious rows become a desktop notification, and how often. Pure (time comes in),
// so the rate limiting is tested without waiting; electron/notify.ts only shows what this returns.
import type { Connection, Severity } from '../../../shared/model';
import { protocolLabel } from '../../../shared/columns';
import { revealControls } from '../../../shared/visible-text';

export interface DesktopNotice {
  title: string;
  body: string;
  severity: Severity;
}

/** Notices are exposure, not compromise (every listener on 0.0.0.0): shown in the table only. */
export function qualifiesForNotification(row: Connection): boolean {
  return row.suspicion !== null && row.suspicion.severity !== 'notice';
}

/** One process, including across pid reuse (pid + start time); unowned sockets share one key. */
export function processKey(row: Connection): string {
  return row.pid === null ? 'unowned' : `${row.pid}:${row.processStartTime ?? ''}`;
}

function endpoint(address: string | null, port: number | null): string {
  if (address === null) return '';
  const host = address.includes(':') ? `[${address}]` : address;
  return port === null ? host : `${host}:${port}`;
}

export function describeForNotice(row: Connection): DesktopNotice {
  const suspicion = row.suspicion;
  const owner =
    row.pid === null ? 'Unknown process' : `${row.processName ?? 'Process'} (pid ${row.pid})`;
  const where =
    row.remoteAddress === null
      ? `${protocolLabel(row)} ${endpoint(row.localAddress, row.localPort)}`
      : `${protocolLabel(row)} ${endpoint(row.localAddress, row.localPort)} → ${endpoint(row.remoteAddress, row.remotePort)}`;
  const reasons = suspicion ? suspicion.reasons.map((reason) => reason.message) : [];
  return {
    title: `Suspicious connection: ${owner}`,
    body: [where, ...reasons].join('\n'),
    severity: suspicion?.severity ?? 'notice',
  };
}

/**
 * Linux notification servers read the body as markup (the Desktop Notifications spec's
 * "body-markup": <b>, <i>, <u>, <a href>, <img src>; https://specifications.freedesktop.org/notification-spec/latest/markup.html),
 * so a process named `<a href="https://evil.example">Update</a>` or `<img src="…">` would show
 * a link or an image. The body is escaped there (a server without markup shows "&lt;" as such,
 * which is harmless); the summary is plain text in the spec, and other OSes show text as is.
 */
export function escapeNotificationMarkup(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

/**
 * A notice as the desktop is given it: controls and bidi overrides shown (a process name is the
 * process's own text), and on Linux the body escaped for the notification server.
 */
export function noticeForDesktop(
  notice: DesktopNotice,
  platform: NodeJS.Platform = process.platform,
): DesktopNotice {
  const body = revealControls(notice.body, { keepLineBreaks: true });
  return {
    ...notice,
    title: revealControls(notice.title),
    body: platform === 'linux' ? escapeNotificationMarkup(body) : body,
  };
}

export interface NotificationLimiter {
  /** The notice to show for this newly suspicious row now, or null (not qualifying, or limited). */
  consider(row: Connection, now: number): DesktopNotice | null;
}

export function createNotificationLimiter(
  options: { perProcessMs?: number; maxPerWindow?: number; windowMs?: number } = {},
): NotificationLimiter {
  const perProcessMs = options.perProcessMs ?? 60_000;
  const maxPerWindow = options.maxPerWindow ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const lastByProcess = new Map<string, number>();
  let shown: number[] = [];
  let heldBack = 0;

  return {
    consider(row, now) {
      if (!qualifiesForNotification(row)) return null;
      const key = processKey(row);
      const last = lastByProcess.get(key);
      if (last !== undefined && now - last < perProcessMs) return null;
      shown = shown.filter((at) => now - at < windowMs);
      if (shown.length >= maxPerWindow) {
        // A burst (a scan, a worm spreading) should not bury the desktop: count and summarize.
        heldBack += 1;
        return null;
      }
      shown.push(now);
      lastByProcess.set(key, now);
      if (lastByProcess.size > 10_000) {
        for (const [k, at] of lastByProcess) if (now - at >= perProcessMs) lastByProcess.delete(k);
      }
      const notice = describeForNotice(row);
      if (heldBack > 0) {
        notice.body += `\n(${heldBack} more suspicious connection${heldBack === 1 ? '' : 's'} not shown: see the table)`;
        heldBack = 0;
      }
      return notice;
    },
  };
}
