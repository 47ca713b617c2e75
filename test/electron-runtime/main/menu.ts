// Menu and MenuItem: templates built and validated as Electron takes them (types, roles with their
// default labels and accelerators for Linux, accelerator syntax, checkbox and radio behaviour), the
// application menu's accelerators fired by keys the page left unhandled, and popup() answered by
// the test, which picks an item by its labels as a person would click it.
import type {
  BaseWindowSurface,
  MenuItemOptionsSurface,
  MenuItemSurface,
  MenuStaticSurface,
  MenuSurface,
  PopupOptionsSurface,
} from '../surface';
import type { MenuItemSnapshot } from '../wire/control-protocol';
import type { UnhandledKey } from '../wire/page-protocol';
import { acceleratorMatches, parseAccelerator } from './accelerator';
import { control, record } from './runtime';

type Role = NonNullable<Electron.MenuItemConstructorOptions['role']>;
/** Electron's MenuItem.role lists fewer roles than its constructor takes (the macOS text ones). */
type ItemRole = Electron.MenuItem['role'];
type ItemType = NonNullable<Electron.MenuItemConstructorOptions['type']>;

const TYPES: ItemType[] = [
  'normal',
  'separator',
  'submenu',
  'checkbox',
  'radio',
  'header',
  'palette',
];

/** Linux defaults of the roles (Electron lib/browser/api/menu-item-roles.ts). */
const ROLE_DEFAULTS: Record<Role, { label: string; accelerator?: string }> = {
  undo: { label: 'Undo', accelerator: 'CommandOrControl+Z' },
  redo: { label: 'Redo', accelerator: 'Shift+CommandOrControl+Z' },
  cut: { label: 'Cut', accelerator: 'CommandOrControl+X' },
  copy: { label: 'Copy', accelerator: 'CommandOrControl+C' },
  paste: { label: 'Paste', accelerator: 'CommandOrControl+V' },
  pasteAndMatchStyle: { label: 'Paste and Match Style', accelerator: 'Shift+CommandOrControl+V' },
  delete: { label: 'Delete' },
  selectAll: { label: 'Select All', accelerator: 'CommandOrControl+A' },
  reload: { label: 'Reload', accelerator: 'CommandOrControl+R' },
  forceReload: { label: 'Force Reload', accelerator: 'Shift+CommandOrControl+R' },
  toggleDevTools: { label: 'Toggle Developer Tools', accelerator: 'Ctrl+Shift+I' },
  resetZoom: { label: 'Actual Size', accelerator: 'CommandOrControl+0' },
  zoomIn: { label: 'Zoom In', accelerator: 'CommandOrControl+Plus' },
  zoomOut: { label: 'Zoom Out', accelerator: 'CommandOrControl+-' },
  toggleSpellChecker: { label: 'Check Spelling While Typing' },
  togglefullscreen: { label: 'Toggle Full Screen', accelerator: 'F11' },
  window: { label: 'Window' },
  minimize: { label: 'Minimize', accelerator: 'CommandOrControl+M' },
  close: { label: 'Close Window', accelerator: 'CommandOrControl+W' },
  help: { label: 'Help' },
  about: { label: 'About' },
  services: { label: 'Services' },
  hide: { label: 'Hide', accelerator: 'Command+H' },
  hideOthers: { label: 'Hide Others', accelerator: 'Command+Alt+H' },
  unhide: { label: 'Show All' },
  quit: { label: 'Quit', accelerator: 'CommandOrControl+Q' },
  showSubstitutions: { label: 'Show Substitutions' },
  toggleSmartQuotes: { label: 'Smart Quotes' },
  toggleSmartDashes: { label: 'Smart Dashes' },
  toggleTextReplacement: { label: 'Text Replacement' },
  startSpeaking: { label: 'Start Speaking' },
  stopSpeaking: { label: 'Stop Speaking' },
  zoom: { label: 'Zoom' },
  front: { label: 'Bring All to Front' },
  appMenu: { label: 'App' },
  fileMenu: { label: 'File' },
  editMenu: { label: 'Edit' },
  viewMenu: { label: 'View' },
  shareMenu: { label: 'Share' },
  recentDocuments: { label: 'Open Recent' },
  toggleTabBar: { label: 'Show Tab Bar' },
  selectNextTab: { label: 'Show Next Tab' },
  selectPreviousTab: { label: 'Show Previous Tab' },
  showAllTabs: { label: 'Show All Tabs' },
  mergeAllWindows: { label: 'Merge All Windows' },
  clearRecentDocuments: { label: 'Clear Menu' },
  moveTabToNewWindow: { label: 'Move Tab to New Window' },
  windowMenu: { label: 'Window' },
};

/** The submenus Electron fills in for the menu roles (Linux). */
const ROLE_SUBMENUS: Partial<Record<Role, MenuItemOptionsSurface[]>> = {
  editMenu: [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { role: 'delete' },
    { type: 'separator' },
    { role: 'selectAll' },
  ],
  fileMenu: [{ role: 'quit' }],
  windowMenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }],
};

/** What a role does when chosen; main wires these to the app and windows (electron.ts). */
export const roleActions: {
  run(role: Role, window: BaseWindowSurface | undefined): void;
} = {
  run: () => undefined,
};

type Click = NonNullable<MenuItemOptionsSurface['click']>;

function plainLabel(label: string): string {
  // "&File" shows as "File"; "&&" is a literal ampersand.
  return label.replace(/&(&?)/g, (_match, second: string) => second);
}

export class MenuItemStandIn implements MenuItemSurface {
  label: string;
  type: ItemType;
  role: ItemRole;
  accelerator: string | null;
  registerAccelerator: boolean;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  id: string;
  toolTip: string;
  sublabel: string;
  submenu: MenuStandIn | undefined;
  private readonly clickHandler: Click | undefined;
  /** The menu this item is in (radio groups). */
  parentMenu: MenuStandIn | null = null;

  constructor(options: MenuItemOptionsSurface) {
    if (options.type !== undefined && !TYPES.includes(options.type)) {
      throw new Error(`Invalid menu item type: ${String(options.type)}`);
    }
    if (options.role !== undefined && !(options.role in ROLE_DEFAULTS)) {
      throw new Error(`Invalid menu item role: ${String(options.role)}`);
    }
    const roleDefaults = options.role ? ROLE_DEFAULTS[options.role] : undefined;
    const submenu = options.submenu ?? (options.role ? ROLE_SUBMENUS[options.role] : undefined);
    this.type = options.type ?? (submenu ? 'submenu' : 'normal');
    if (this.type === 'submenu' && !submenu) throw new Error('Invalid submenu: none given');
    this.role = options.role as ItemRole;
    this.label = options.label ?? roleDefaults?.label ?? '';
    this.accelerator = options.accelerator ?? roleDefaults?.accelerator ?? null;
    if (this.accelerator !== null) parseAccelerator(this.accelerator);
    this.registerAccelerator = options.registerAccelerator ?? true;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.id = options.id ?? '';
    this.toolTip = options.toolTip ?? '';
    this.sublabel = options.sublabel ?? '';
    this.clickHandler = options.click;
    this.submenu = submenu ? MenuStandIn.fromTemplate(submenu) : undefined;
    if (this.type !== 'separator' && this.label === '' && !this.role) {
      throw new Error('A menu item needs a label or a role');
    }
  }

  /** A person chose this item (a click, or its accelerator). */
  choose(window: BaseWindowSurface | undefined, viaAccelerator = false, key?: UnhandledKey): void {
    if (!this.enabled || !this.visible) throw new Error(`Menu item "${this.label}" is disabled`);
    if (this.type === 'checkbox') this.checked = !this.checked;
    if (this.type === 'radio') {
      for (const sibling of this.parentMenu?.radioGroupOf(this) ?? []) sibling.checked = false;
      this.checked = true;
    }
    record('menu.choose', {
      label: plainLabel(this.label),
      role: this.role ?? null,
      viaAccelerator,
    });
    // Electron: "role … when specified the click property will be ignored".
    if (this.role) {
      roleActions.run(this.role as Role, window);
      return;
    }
    this.clickHandler?.(this, window, {
      triggeredByAccelerator: viaAccelerator,
      ctrlKey: key?.ctrlKey ?? false,
      shiftKey: key?.shiftKey ?? false,
      altKey: key?.altKey ?? false,
      metaKey: key?.metaKey ?? false,
    });
  }

  snapshot(): MenuItemSnapshot {
    return {
      label: plainLabel(this.label),
      type: this.type,
      role: this.role ?? null,
      enabled: this.enabled,
      visible: this.visible,
      checked: this.checked,
      accelerator: this.accelerator,
      registerAccelerator: this.registerAccelerator,
      submenu: this.submenu ? this.submenu.items.map((item) => item.snapshot()) : null,
    };
  }
}

export class MenuStandIn implements MenuSurface {
  readonly items: MenuItemStandIn[] = [];

  static fromTemplate(template: MenuItemOptionsSurface[]): MenuStandIn {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: not an array');
    const menu = new MenuStandIn();
    for (const options of template) {
      if (typeof options !== 'object' || options === null) {
        throw new TypeError('Invalid template for MenuItem: must be an object');
      }
      const item = new MenuItemStandIn(options);
      item.parentMenu = menu;
      menu.items.push(item);
    }
    return menu;
  }

  radioGroupOf(item: MenuItemStandIn): MenuItemStandIn[] {
    const at = this.items.indexOf(item);
    let start = at;
    let end = at;
    while (start > 0 && this.items[start - 1]!.type === 'radio') start--;
    while (end < this.items.length - 1 && this.items[end + 1]!.type === 'radio') end++;
    return this.items.slice(start, end + 1);
  }

  /** The item at a path of labels (as shown, without mnemonic ampersands). */
  find(path: readonly string[]): MenuItemStandIn | undefined {
    let items: MenuItemStandIn[] | undefined = this.items;
    let item: MenuItemStandIn | undefined;
    for (const label of path) {
      item = items?.find((candidate) => plainLabel(candidate.label) === label);
      if (!item) return undefined;
      items = item.submenu?.items;
    }
    return item;
  }

  popup(options: PopupOptionsSurface = {}): void {
    const window = options.window;
    record('menu.popup', { items: this.items.length });
    void control
      .request({
        kind: 'menuPopup',
        window: window ? window.id : null,
        items: this.items.map((item) => item.snapshot()),
      })
      .then(
        (answer) => {
          const path = Array.isArray(answer) ? (answer as string[]) : null;
          // Linux: the chosen item's click runs before the menu reports that it closed.
          if (path) {
            const item = this.find(path);
            if (!item) throw new Error(`No menu item ${path.join(' > ')}`);
            item.choose(window);
          }
        },
        (error: unknown) => console.error('Electron stand-in: menu popup failed:', error),
      )
      .catch((error: unknown) => console.error('Electron stand-in:', error))
      .finally(() => options.callback?.());
  }

  /** Items whose accelerators are registered, in menu order. */
  *acceleratorItems(): Generator<MenuItemStandIn> {
    for (const item of this.items) {
      if (item.submenu) yield* item.submenu.acceleratorItems();
      else if (item.accelerator && item.registerAccelerator && item.type !== 'separator') {
        yield item;
      }
    }
  }
}

let applicationMenu: MenuStandIn | null = null;

export const Menu: MenuStaticSurface = {
  buildFromTemplate(template) {
    return MenuStandIn.fromTemplate(template);
  },
  setApplicationMenu(menu) {
    if (menu !== null && !(menu instanceof MenuStandIn)) throw new TypeError('Invalid menu');
    applicationMenu = menu;
    record('Menu.setApplicationMenu', { items: menu ? menu.items.length : 0 });
  },
  getApplicationMenu() {
    return applicationMenu;
  },
};

export function applicationMenuStandIn(): MenuStandIn | null {
  return applicationMenu;
}

/** A keydown the focused window's page did not handle: the application menu's accelerators. */
export function fireAccelerator(key: UnhandledKey, window: BaseWindowSurface): boolean {
  if (!applicationMenu) return false;
  for (const item of applicationMenu.acceleratorItems()) {
    if (!item.enabled) continue;
    if (!acceleratorMatches(parseAccelerator(item.accelerator!), key)) continue;
    item.choose(window, true, key);
    return true;
  }
  return false;
}
