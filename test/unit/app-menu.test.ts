// The application menu template: commands reach the right place, the interval and pause items
// reflect the settings, and platform conventions hold.
import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, intervalLabel, type AppMenuOptions } from '../../electron/app-menu';
import type { MenuCommand } from '../../shared/contract/app';
import { POLL_INTERVALS_MS, type PollIntervalMs } from '../../shared/model';

function setup(overrides: Partial<AppMenuOptions> = {}) {
  const calls: string[] = [];
  const options: AppMenuOptions = {
    platform: 'linux',
    appName: 'Portscope',
    developer: false,
    intervalMs: 1000,
    paused: false,
    sendCommand: (command: MenuCommand) => calls.push(`command:${command}`),
    refreshNow: () => calls.push('refreshNow'),
    setIntervalMs: (ms: PollIntervalMs) => calls.push(`interval:${ms}`),
    setPaused: (paused: boolean) => calls.push(`paused:${paused}`),
    ...overrides,
  };
  return { template: appMenuTemplate(options), calls };
}

function submenuOf(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  expect(Array.isArray(item?.submenu)).toBe(true);
  return item?.submenu as MenuItemConstructorOptions[];
}

function find(items: MenuItemConstructorOptions[], label: string) {
  const item = items.find((entry) => entry.label === label);
  expect(item, label).toBeDefined();
  return item as MenuItemConstructorOptions;
}

/** Calls a click handler the way Electron does (item first); the other arguments are unused. */
function click(item: MenuItemConstructorOptions, checked?: boolean) {
  const menuItem = { checked: checked ?? item.checked ?? false } as MenuItem;
  item.click?.(menuItem, undefined, {} as Electron.KeyboardEvent);
}

describe('appMenuTemplate', () => {
  it('has File, Edit, View and Help on Linux and Windows', () => {
    const { template } = setup();
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      '&File',
      'editMenu',
      '&View',
      '&Connection',
      'help',
    ]);
  });

  it('Connection has the row actions; each sends its command and leaves its key to the page', () => {
    const { template, calls } = setup();
    const items = submenuOf(template.find((item) => item.label === '&Connection'));
    const expected: [string, MenuCommand, string | undefined][] = [
      ['Close Connection', 'closeConnection', 'Delete'],
      ['Kill Process', 'killProcess', 'CmdOrCtrl+K'],
      ['Whois…', 'whois', undefined],
      ['Properties', 'properties', 'Enter'],
      ['Copy Rows', 'copy', 'CmdOrCtrl+C'],
      ['Select All Rows', 'selectAll', 'CmdOrCtrl+A'],
      ['Filter…', 'find', 'CmdOrCtrl+F'],
    ];
    for (const [label, command, accelerator] of expected) {
      const item = find(items, label);
      expect(item.accelerator, label).toBe(accelerator);
      // Shown, never registered: Delete in the filter box must stay text editing.
      if (accelerator) expect(item.registerAccelerator, label).toBe(false);
      click(item);
      expect(calls.at(-1)).toBe(`command:${command}`);
    }
  });

  it('View switches between the table and the Processes view, fits and resets columns, shows the legend', () => {
    const { template, calls } = setup();
    const items = submenuOf(template.find((item) => item.label === '&View'));
    for (const [label, command] of [
      ['Connections', 'showConnections'],
      ['Processes', 'showProcesses'],
      ['Fit Columns to Content', 'fitColumns'],
      ['Reset Columns', 'resetColumns'],
      ['Colour Legend', 'legend'],
    ] as const) {
      click(find(items, label));
      expect(calls.at(-1)).toBe(`command:${command}`);
    }
  });

  it('File › Export… sends the export command to the page; Ctrl+S is left to the page', () => {
    const { template, calls } = setup();
    const exportItem = find(submenuOf(template[0]), 'Export…');
    expect(exportItem.accelerator).toBe('CmdOrCtrl+S');
    expect(exportItem.registerAccelerator).toBe(false);
    click(exportItem);
    expect(calls).toEqual(['command:export']);
  });

  it('File › Preferences… sends preferences; File ends with Quit', () => {
    const { template, calls } = setup();
    const file = submenuOf(template[0]);
    click(find(file, 'Preferences…'));
    expect(calls).toEqual(['command:preferences']);
    expect(file.at(-1)?.role).toBe('quit');
  });

  it('View › Refresh Now refreshes in main; F5 is shown but left to the page', () => {
    const { template, calls } = setup();
    const refresh = find(submenuOf(template[2]), 'Refresh Now');
    expect(refresh.accelerator).toBe('F5');
    expect(refresh.registerAccelerator).toBe(false);
    click(refresh);
    expect(calls).toEqual(['refreshNow']);
  });

  it('the interval radio items offer every interval and check the current one', () => {
    const { template, calls } = setup({ intervalMs: 5000 });
    const radios = submenuOf(find(submenuOf(template[2]), 'Refresh Interval'));
    expect(radios.map((item) => item.label)).toEqual(POLL_INTERVALS_MS.map(intervalLabel));
    expect(radios.every((item) => item.type === 'radio')).toBe(true);
    expect(radios.filter((item) => item.checked).map((item) => item.label)).toEqual(['5 seconds']);
    click(radios[0] as MenuItemConstructorOptions);
    expect(calls).toEqual(['interval:500']);
  });

  it('Pause reflects and toggles the paused setting', () => {
    const paused = setup({ paused: true });
    const pause = find(submenuOf(paused.template[2]), 'Pause');
    expect(pause.type).toBe('checkbox');
    expect(pause.checked).toBe(true);
    // Shown, handled by the page (which ignores it while typing in the filter box).
    expect(pause.accelerator).toBe('CmdOrCtrl+P');
    expect(pause.registerAccelerator).toBe(false);
    // Electron flips a checkbox before calling its click handler.
    click(pause, false);
    expect(paused.calls).toEqual(['paused:false']);
  });

  it('developer items only in unpackaged runs', () => {
    const roles = (developer: boolean) =>
      submenuOf(setup({ developer }).template[2]).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('macOS: app menu first with About, Settings… and Quit; window menu; File closes', () => {
    const { template, calls } = setup({ platform: 'darwin' });
    expect(template[0]?.label).toBe('Portscope');
    const appMenu = submenuOf(template[0]);
    expect(appMenu.map((item) => item.role ?? item.label)).toContain('about');
    expect(appMenu.at(-1)?.role).toBe('quit');
    click(find(appMenu, 'Settings…'));
    expect(calls).toEqual(['command:preferences']);
    expect(template.map((item) => item.role)).toContain('windowMenu');
    expect(submenuOf(template[1]).at(-1)?.role).toBe('close');
  });

  it('Help has About', () => {
    const { template } = setup();
    expect(submenuOf(template.at(-1)).map((item) => item.role)).toEqual(['about']);
  });
});

describe('intervalLabel', () => {
  it('says seconds as people do', () => {
    expect(intervalLabel(500)).toBe('0.5 seconds');
    expect(intervalLabel(1000)).toBe('1 second');
    expect(intervalLabel(10000)).toBe('10 seconds');
  });
});
