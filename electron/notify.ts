// Desktop notifications for new suspicious connections: the only Electron part of them. Which
// rows qualify and how often (one per process per minute) is decided in electron/core/rules;
// this file just shows what it is handed. Call installSuspicionNotifications() once after the
// app is ready (electron/main.ts).
import { Notification } from 'electron';
import { noticeForDesktop, setDesktopNotifier, type DesktopNotice } from './core/rules';

function show(raw: DesktopNotice, onClick?: () => void): void {
  // Some desktops have no notification server; the table still shows every flagged row.
  if (!Notification.isSupported()) return;
  // Escaped for Linux notification servers, controls shown (core/rules/notifications.ts).
  const notice = noticeForDesktop(raw);
  const notification = new Notification({
    title: notice.title,
    body: notice.body,
    urgency: notice.severity === 'danger' ? 'critical' : 'normal',
    silent: notice.severity !== 'danger',
  });
  if (onClick) notification.on('click', onClick);
  notification.show();
}

/**
 * Route rule notices to native notifications; `onClick` (e.g. show and focus the window) runs
 * when one is clicked. Returns a function that stops doing so.
 */
export function installSuspicionNotifications(onClick?: () => void): () => void {
  const previous = setDesktopNotifier((notice) => show(notice, onClick));
  return () => {
    setDesktopNotifier(previous);
  };
}
