// Menu accelerators: Electron's accelerator strings (https://www.electronjs.org/docs/latest/api/
// accelerator: modifiers and one key code joined by "+") parsed, refused when malformed, and
// matched against a keydown as Linux sees it (CommandOrControl is Control; Command/Super/Meta is
// the Meta key).
import type { UnhandledKey } from '../wire/page-protocol';

export interface Accelerator {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** The key code as written (upper-cased letters, 'F5', 'Plus', ','). */
  key: string;
}

const MODIFIERS: Record<string, keyof Omit<Accelerator, 'key'> | 'altgr'> = {
  command: 'meta',
  cmd: 'meta',
  super: 'meta',
  meta: 'meta',
  control: 'ctrl',
  ctrl: 'ctrl',
  commandorcontrol: 'ctrl',
  cmdorctrl: 'ctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
};

/** Named key codes and the KeyboardEvent.key each one is. */
const NAMED_KEYS: Record<string, string> = {
  plus: '+',
  space: ' ',
  tab: 'Tab',
  capslock: 'CapsLock',
  numlock: 'NumLock',
  scrolllock: 'ScrollLock',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  return: 'Enter',
  enter: 'Enter',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  escape: 'Escape',
  esc: 'Escape',
  volumeup: 'AudioVolumeUp',
  volumedown: 'AudioVolumeDown',
  volumemute: 'AudioVolumeMute',
  medianexttrack: 'MediaTrackNext',
  mediaprevioustrack: 'MediaTrackPrevious',
  mediastop: 'MediaStop',
  mediaplaypause: 'MediaPlayPause',
  printscreen: 'PrintScreen',
};

const PUNCTUATION = new Set([...')!@#$%^&*(:;:+=<,_->.?/~`{][|\\}"\'']);
const NUMPAD = /^num([0-9]|dec|add|sub|mult|div)$/;

/** Parses `text`; throws a clear error for a string Electron would not take. */
export function parseAccelerator(text: string): Accelerator {
  const parts = text.split('+');
  // "CmdOrCtrl++" is not valid; the plus key is written "Plus".
  if (parts.some((part) => part === '')) throw new Error(`Invalid accelerator "${text}"`);
  const result: Accelerator = { ctrl: false, shift: false, alt: false, meta: false, key: '' };
  const keyPart = parts.pop()!;
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier) throw new Error(`Invalid modifier "${part}" in accelerator "${text}"`);
    if (modifier !== 'altgr') result[modifier] = true;
  }
  const lower = keyPart.toLowerCase();
  if (MODIFIERS[lower]) throw new Error(`Accelerator "${text}" has no key`);
  if (
    /^[a-z0-9]$/i.test(keyPart) ||
    /^f([1-9]|1[0-9]|2[0-4])$/i.test(keyPart) ||
    NAMED_KEYS[lower] !== undefined ||
    NUMPAD.test(lower) ||
    PUNCTUATION.has(keyPart)
  ) {
    result.key =
      /^[a-z]$/i.test(keyPart) || /^f\d+$/i.test(keyPart) ? keyPart.toUpperCase() : keyPart;
    return result;
  }
  throw new Error(`Invalid key "${keyPart}" in accelerator "${text}"`);
}

function keyMatches(accelerator: Accelerator, event: UnhandledKey): boolean {
  const key = accelerator.key;
  const named = NAMED_KEYS[key.toLowerCase()];
  if (named !== undefined) return event.key === named;
  if (/^[A-Z]$/.test(key)) return event.code === `Key${key}` || event.key.toUpperCase() === key;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || event.key === key;
  if (/^F\d+$/.test(key)) return event.key === key;
  const numpad = NUMPAD.exec(key.toLowerCase());
  if (numpad) {
    const names: Record<string, string> = {
      dec: 'NumpadDecimal',
      add: 'NumpadAdd',
      sub: 'NumpadSubtract',
      mult: 'NumpadMultiply',
      div: 'NumpadDivide',
    };
    return event.code === (names[numpad[1]!] ?? `Numpad${numpad[1]}`);
  }
  return event.key === key;
}

/** Whether the keydown is this accelerator on Linux. */
export function acceleratorMatches(accelerator: Accelerator, event: UnhandledKey): boolean {
  if (accelerator.ctrl !== event.ctrlKey) return false;
  if (accelerator.alt !== event.altKey) return false;
  if (accelerator.meta !== event.metaKey) return false;
  // A symbol typed with Shift ("+" on most layouts) is its own key code.
  const shiftedSymbol = accelerator.key === 'Plus' || PUNCTUATION.has(accelerator.key);
  if (!shiftedSymbol && accelerator.shift !== event.shiftKey) return false;
  return keyMatches(accelerator, event);
}
