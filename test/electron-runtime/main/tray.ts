// Tray: the icon in the desktop's status area, played by the test: it sees what the icon shows
// (image, tooltip, context menu: AppState.trays and a 'tray' message on every change) and can
// click the icon or an item of its menu (control commands clickTray, clickTrayMenu).
//
// Electron's behaviour kept here (docs/api/tray.md; shell/browser/api/electron_api_tray.cc):
//   - "Cannot create Tray before app is ready";
//   - the image is a NativeImage or a path whose image must load (native-image.ts);
//   - after destroy() every other method throws "Tray is destroyed"; destroy() may be repeated;
//   - setContextMenu takes a Menu or null ("Must pass Menu or null");
//   - Linux: setTitle is accepted and shows nothing (the title is macOS's); the menu shown is the
//     menu as it was when setContextMenu was called ("In order for changes made to individual
//     MenuItems to take effect, you have to call setContextMenu again"), and a person clicks what
//     is shown; 'click' is an activation of the icon, with no bounds or position (all zero) and
//     no mouse-button flags, so its event says triggeredByAccelerator: true (ui_event.cc).
import { EventEmitter } from 'node:events';
import type {
  MenuSurface,
  NativeImageSurface,
  TrayConstructorSurface,
  TraySurface,
} from '../surface';
import type { MenuItemSnapshot, TraySnapshot } from '../wire/control-protocol';
import { conversionFailure } from './arguments';
import { BrowserWindowStandIn } from './browser-window';
import { MenuStandIn, type MenuItemStandIn } from './menu';
import { toNativeImage, type NativeImageStandIn } from './native-image';
import { control, lifecycle, record } from './runtime';

let nextTrayId = 1;
/** Every tray the app made, destroyed ones too (the test sees that they are). */
const trays: TrayStandIn[] = [];

class TrayStandIn extends EventEmitter implements TraySurface {
  readonly id: number;
  private image: NativeImageStandIn;
  private toolTip = '';
  private menu: MenuStandIn | null = null;
  /** The menu as the desktop shows it: taken when setContextMenu was called. */
  private shownMenu: MenuItemSnapshot[] | null = null;
  private destroyed = false;

  constructor(image: NativeImageSurface | string, _guid?: string) {
    super();
    if (!lifecycle.ready) throw new Error('Cannot create Tray before app is ready');
    // The GUID identifies the icon on Windows and macOS; Linux has no use for it.
    this.image = toNativeImage(image);
    this.id = nextTrayId++;
    trays.push(this);
    record('Tray.new', { id: this.id, image: this.image.snapshot() });
    this.report();
  }

  private checkAlive(): void {
    if (this.destroyed) throw new Error('Tray is destroyed');
  }

  private report(): void {
    control.send({ type: 'tray', tray: this.snapshot() });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.menu = null;
    this.shownMenu = null;
    record('Tray.destroy', { id: this.id });
    this.report();
  }

  setImage(image: NativeImageSurface | string): void {
    this.checkAlive();
    this.image = toNativeImage(image);
    record('Tray.setImage', { id: this.id, image: this.image.snapshot() });
    this.report();
  }

  setToolTip(toolTip: string): void {
    this.checkAlive();
    if (typeof toolTip !== 'string') throw conversionFailure(0, toolTip);
    this.toolTip = toolTip;
    record('Tray.setToolTip', { id: this.id, toolTip });
    this.report();
  }

  setTitle(title: string, _options?: Electron.TitleOptions): void {
    this.checkAlive();
    if (typeof title !== 'string') throw conversionFailure(0, title);
    // macOS only: Linux has nowhere to show it, so the shown title stays ''.
    record('Tray.setTitle', { id: this.id, title });
  }

  setContextMenu(menu: MenuSurface | null): void {
    this.checkAlive();
    if (menu !== null && !(menu instanceof MenuStandIn)) {
      throw new TypeError('Must pass Menu or null');
    }
    this.menu = menu;
    this.shownMenu = menu ? menu.items.map((item) => item.snapshot()) : null;
    record('Tray.setContextMenu', { id: this.id, items: menu ? menu.items.length : null });
    this.report();
  }

  /** A person activates the icon. */
  activate(): void {
    if (this.destroyed) throw new Error(`Tray ${this.id} is destroyed: there is no icon to click`);
    record('tray.click', { id: this.id });
    const event: Electron.KeyboardEvent = {
      shiftKey: false,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      triggeredByAccelerator: true,
    };
    this.emit('click', event, { x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0 });
  }

  /** A person clicks the shown menu's item at this label path. */
  clickMenuItem(path: readonly string[]): void {
    if (this.destroyed) throw new Error(`Tray ${this.id} is destroyed: there is no menu`);
    if (!this.menu || !this.shownMenu) throw new Error(`Tray ${this.id} has no context menu`);
    // The person picks by what is shown; Electron runs the item at that place in the menu.
    let shown: MenuItemSnapshot[] | null = this.shownMenu;
    let live: MenuStandIn | undefined = this.menu;
    let item: MenuItemStandIn | undefined;
    for (const label of path) {
      const index: number = shown?.findIndex((candidate) => candidate.label === label) ?? -1;
      const entry: MenuItemSnapshot | undefined = shown?.[index];
      if (!entry || !entry.visible) {
        throw new Error(
          `The tray menu has no "${label}"; it shows: ` +
            (shown ?? []).map((candidate) => candidate.label).join(' | '),
        );
      }
      if (!entry.enabled) throw new Error(`"${label}" is disabled in the tray menu`);
      item = live?.items[index];
      shown = entry.submenu;
      live = item?.submenu;
    }
    if (!item) throw new Error('No tray menu item named');
    item.choose(BrowserWindowStandIn.getFocusedWindow() ?? undefined);
  }

  snapshot(): TraySnapshot {
    return {
      id: this.id,
      image: this.image.snapshot(),
      toolTip: this.toolTip,
      title: '',
      contextMenu: this.shownMenu,
      destroyed: this.destroyed,
    };
  }
}

export const Tray: TrayConstructorSurface = TrayStandIn;

export function traySnapshots(): TraySnapshot[] {
  return trays.map((tray) => tray.snapshot());
}

function trayById(id: number): TrayStandIn {
  const tray = trays.find((candidate) => candidate.id === id);
  if (!tray) throw new Error(`No tray ${id}`);
  return tray;
}

/** The person clicks tray `id`'s icon (a control command). */
export function clickTray(id: number): void {
  trayById(id).activate();
}

/** The person clicks an item of tray `id`'s menu (a control command). */
export function clickTrayMenu(id: number, path: readonly string[]): void {
  trayById(id).clickMenuItem(path);
}
