// The tray's tooltip, menu-bar title, icon and menu (electron/tray-model.ts), and when closing the
// window hides it instead of quitting.
import { describe, expect, it } from 'vitest';
import {
  countSuspicious,
  hideOnClose,
  suspiciousText,
  trayModel,
  type TrayState,
} from '../../electron/tray-model';
import type { Suspicion } from '../../shared/model';

const flag = (severity: Suspicion['severity']): { suspicion: Suspicion } => ({
  suspicion: { severity, reasons: [{ rule: 'backdoor-port', message: 'Listens on port 4444' }] },
});

const state = (overrides: Partial<TrayState> = {}): TrayState => ({
  suspicious: { danger: 0, warning: 0, notice: 0, total: 0 },
  paused: false,
  windowVisible: true,
  platform: 'linux',
  ...overrides,
});

describe('tray model', () => {
  it('counts flagged rows by severity', () => {
    const count = countSuspicious([
      flag('danger'),
      { suspicion: null },
      flag('warning'),
      flag('warning'),
      flag('notice'),
    ]);
    expect(count).toEqual({ danger: 1, warning: 2, notice: 1, total: 4 });
    expect(suspiciousText(count)).toBe('4 suspicious connections (1 danger, 2 warning, 1 notice)');
    expect(suspiciousText({ danger: 0, warning: 1, notice: 0, total: 1 })).toBe(
      '1 suspicious connection (1 warning)',
    );
  });

  it('says nothing is suspicious with the plain icon, and no menu-bar title', () => {
    const model = trayModel(state({ platform: 'darwin' }));
    expect(model.tooltip).toBe('Portscope: nothing suspicious');
    expect(model.icon).toBe('normal');
    expect(model.title).toBe('');
    expect(model.menu[0]).toEqual({ kind: 'info', label: 'Nothing suspicious' });
  });

  it('turns to the alert icon for a warning or danger, not for notices alone', () => {
    const notices = { danger: 0, warning: 0, notice: 3, total: 3 };
    expect(trayModel(state({ suspicious: notices })).icon).toBe('normal');
    const danger = { danger: 1, warning: 0, notice: 3, total: 4 };
    const model = trayModel(state({ suspicious: danger, paused: true }));
    expect(model.icon).toBe('alert');
    expect(model.tooltip).toBe('Portscope: 4 suspicious connections (1 danger, 3 notice) · paused');
  });

  it('shows the count beside the icon in the macOS menu bar only', () => {
    const suspicious = { danger: 0, warning: 12, notice: 0, total: 12 };
    expect(trayModel(state({ suspicious, platform: 'darwin' })).title).toBe('12');
    expect(trayModel(state({ suspicious, platform: 'win32' })).title).toBe('');
  });

  it('offers Show or Hide by the window state, Pause checked while paused, and Quit', () => {
    const visible = trayModel(state()).menu;
    expect(visible.filter((entry) => entry.kind === 'command')).toEqual([
      { kind: 'command', command: 'toggleWindow', label: 'Hide Portscope' },
      { kind: 'command', command: 'pause', label: 'Pause Updates', checked: false },
      { kind: 'command', command: 'quit', label: 'Quit Portscope' },
    ]);
    const hidden = trayModel(state({ windowVisible: false, paused: true })).menu;
    expect(hidden).toContainEqual({
      kind: 'command',
      command: 'toggleWindow',
      label: 'Show Portscope',
    });
    expect(hidden).toContainEqual({
      kind: 'command',
      command: 'pause',
      label: 'Pause Updates',
      checked: true,
    });
  });
});

describe('close to tray', () => {
  it('hides only when chosen, with a tray to come back from, and never while quitting', () => {
    expect(hideOnClose({ closeToTray: false, trayShown: true, quitting: false })).toBe(false);
    expect(hideOnClose({ closeToTray: true, trayShown: true, quitting: false })).toBe(true);
    expect(hideOnClose({ closeToTray: true, trayShown: false, quitting: false })).toBe(false);
    expect(hideOnClose({ closeToTray: true, trayShown: true, quitting: true })).toBe(false);
  });
});
