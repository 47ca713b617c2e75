// Notification: the desktop's notification server, played by the test: shown notifications are
// recorded and sent to it, and it can click one (the 'click' event the app listens for).
import { EventEmitter } from 'node:events';
import type { NotificationConstructorSurface, NotificationSurface } from '../surface';
import type { NotificationRecord } from '../wire/control-protocol';
import { electronEvent } from './electron-event';
import { config, control, record } from './runtime';

let nextId = 1;
const notifications = new Map<number, NotificationStandIn>();

class NotificationStandIn extends EventEmitter implements NotificationSurface {
  readonly recordId = nextId++;
  title: string;
  body: string;
  urgency: 'normal' | 'critical' | 'low';
  silent: boolean;
  private shown = false;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.urgency = options.urgency ?? 'normal';
    this.silent = options.silent ?? false;
  }

  static isSupported(): boolean {
    return config.notificationsSupported;
  }

  show(): void {
    this.shown = true;
    notifications.set(this.recordId, this);
    record('Notification.show', { title: this.title });
    control.send({ type: 'notification', notification: this.snapshot() });
    this.emit('show', electronEvent());
  }

  close(): void {
    if (!notifications.delete(this.recordId)) return;
    this.emit('close', electronEvent({ reason: 'unknown' }));
  }

  snapshot(): NotificationRecord {
    return {
      id: this.recordId,
      title: this.title,
      body: this.body,
      urgency: this.urgency,
      silent: this.silent,
      shown: this.shown,
    };
  }
}

export const Notification: NotificationConstructorSurface = NotificationStandIn;

/** The person clicked notification `id` (a control command). */
export function clickNotification(id: number): void {
  const notification = notifications.get(id);
  if (!notification) throw new Error(`No notification ${id} is showing`);
  notification.emit('click', electronEvent());
}

export function closeNotification(id: number): void {
  const notification = notifications.get(id);
  if (!notification) throw new Error(`No notification ${id} is showing`);
  notification.close();
}
