// The tray glue (electron/tray.ts) under a STAND-IN `electron` module: Electron's binary cannot run
// here, so Tray, Menu, nativeImage, app and BrowserWindow are small recorders with the same calls.
// Everything else is real: the backend polls the real table, in which a listener of a process this
// test starts is flagged (its port counts as a backdoor port for this test's settings), and the
// tray's pause goes through the real setPaused handler into the settings.
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createPlatformBackend } from '../../electron/platform';
import { countSuspicious, suspiciousText } from '../../electron/tray-model';
import { refusingDialogs } from '../support/refusing-dialogs';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

interface TemplateItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

// ── The stand-in electron module ──────────────────────────────────────────────────────────────
const standIn = vi.hoisted(() => {
  class FakeTray {
    static last: FakeTray | null = null;
    tooltip = '';
    title = '';
    image: unknown;
    menu: TemplateItem[] = [];
    destroyed = false;
    constructor(image: unknown) {
      this.image = image;
      FakeTray.last = this;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setTitle(text: string) {
      this.title = text;
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setContextMenu(menu: { template: TemplateItem[] }) {
      this.menu = menu.template;
    }
    on() {}
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { FakeTray, windows: [] as unknown[], quits: { count: 0 } };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    quit: () => {
      standIn.quits.count += 1;
    },
  });
  return {
    app,
    Tray: standIn.FakeTray,
    Menu: { buildFromTemplate: (template: TemplateItem[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    BrowserWindow: { getAllWindows: () => standIn.windows },
  };
});
vi.mock('../../electron/app-files', () => ({
  trayIconFiles: {
    normal: '/icons/tray.png',
    alert: '/icons/tray-alert.png',
    template: '/icons/trayTemplate.png',
  },
}));

/** A window as the glue sees it: shown or hidden, and its close event. */
class FakeWindow extends EventEmitter {
  visible = true;
  isDestroyed() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  hide() {
    this.visible = false;
    this.emit('hide');
  }
  show() {
    this.visible = true;
    this.emit('show');
  }
  /** What Electron does on a close request: listeners may prevent it. */
  requestClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

let backend: Backend;
let dataDir: string;
const settings = createMemorySettingsStore({ poll: { intervalMs: 500, paused: false } });

beforeAll(async () => {
  const child = await spawnSocketChild({ title: `pstray${process.pid}` });
  const flagged = await child.listenTcp('127.0.0.1');
  const rules = settings.get().rules;
  await settings.update({
    rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, flagged.port] },
  });
  dataDir = await mkdtemp(join(tmpdir(), 'portscope-tray-'));
  backend = createBackend({
    platform: createPlatformBackend(),
    settings,
    dialogs: refusingDialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
  });
  await backend.start();
});

afterAll(async () => {
  await backend?.stop();
  await stopAllSocketChildren();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('tray glue (stand-in electron)', () => {
  it('shows the suspicious count, pauses through the real handler, hides and shows the window, closes to the tray only when chosen', async () => {
    const { installTray } = await import('../../electron/tray');
    const { app } = await import('electron');
    const window = new FakeWindow();
    let shown = 0;
    const uninstall = installTray({
      settings,
      handlers: backend.handlers,
      table: backend.table,
      getWindow: () => window as never,
      showWindow: () => {
        shown += 1;
        window.show();
      },
      logError: (error) => {
        throw error;
      },
    });
    app.emit('browser-window-created', {}, window);
    const tray = standIn.FakeTray.last!;
    const count = countSuspicious(backend.table.rows());
    expect(count.warning).toBeGreaterThanOrEqual(1);
    expect(tray.tooltip).toBe(`Portscope: ${suspiciousText(count)}`);
    expect(tray.image).toEqual({ path: '/icons/tray-alert.png' });
    expect(tray.menu[0]).toMatchObject({ label: suspiciousText(count), enabled: false });

    const item = (label: string) => tray.menu.find((entry) => entry.label === label)!;
    item('Pause Updates').click!();
    await vi.waitFor(() => expect(settings.get().poll.paused).toBe(true));
    await vi.waitFor(() => expect(item('Pause Updates').checked).toBe(true));
    expect(tray.tooltip).toMatch(/ · paused$/);
    item('Pause Updates').click!();
    await vi.waitFor(() => expect(settings.get().poll.paused).toBe(false));

    item('Hide Portscope').click!();
    expect(window.visible).toBe(false);
    item('Show Portscope').click!();
    expect(shown).toBe(1);
    expect(window.visible).toBe(true);

    // Off by default: closing closes.
    expect(window.requestClose()).toBe(true);
    await settings.update({ ui: { ...settings.get().ui, closeToTray: true } });
    expect(window.requestClose()).toBe(false);
    expect(window.visible).toBe(false);
    // Quit quits, whatever the setting.
    item('Quit Portscope').click!();
    expect(standIn.quits.count).toBe(1);
    app.emit('before-quit');
    expect(window.requestClose()).toBe(true);
    uninstall();
    expect(tray.destroyed).toBe(true);
  });
});
