// The bridge between the page's main world and the preload's isolated world: what Electron's
// contextBridge does inside V8, done here with what two worlds of one Chromium page share, the
// DOM. Events dispatch synchronously across worlds, so a call from one world into a function of
// the other runs at once and returns its value, as Electron's "synchronous bridge" does.
//
// A private element (never in the document) carries the traffic: each world listens on it for
// messages from the other, and a call's answer is left in an attribute for the caller to read
// right after dispatchEvent returns. The two worlds find that element in a handshake on
// `document` under a random token the page's own scripts never learn; it happens before any
// page script runs, in whichever order the two worlds start.
//
// What crosses follows Electron's rules (docs/api/context-bridge.md, "Parameter / Error / Return
// Type support", and shell/renderer/api/electron_api_context_bridge.cc): functions are proxied
// (a call runs the original in its own world, arguments and result copied), promises are
// proxied, an Error arrives as a new Error with only its message, symbols are dropped, other
// values are copied by structured clone (wire/clone-codec.ts), and what exposeInMainWorld puts
// on `window` is deeply frozen, on a read-only, non-configurable property.
import { decodeClone, encodeClone, type CloneHooks, type Wire } from '../wire/clone-codec';

export type Side = 'main' | 'isolated';

type LinkMessage =
  | { op: 'call'; fn: number; args: Wire }
  | { op: 'settle'; promise: number; ok: boolean; value: Wire }
  | { op: 'expose'; key: string; value: Wire };

type Reply = { ok: true; value: Wire } | { ok: false; error: Wire };

// Captured before any page script runs, so a page that replaces them later cannot listen in.
const dispatchEvent = EventTarget.prototype.dispatchEvent;
const addEventListener = EventTarget.prototype.addEventListener;
const removeEventListener = EventTarget.prototype.removeEventListener;
const getAttribute = Element.prototype.getAttribute;
const setAttribute = Element.prototype.setAttribute;
const removeAttribute = Element.prototype.removeAttribute;
const NativeCustomEvent = CustomEvent;
const NativeMouseEvent = MouseEvent;
const NativePromise = Promise;
const stringify = JSON.stringify;
const parse = JSON.parse;
const freeze = Object.freeze;
const defineProperty = Object.defineProperty;
const isFrozen = Object.isFrozen;

const REPLY = 'data-reply';

export class WorldLink {
  private node: Element | null = null;
  private ready = false;
  private readonly queue: LinkMessage[] = [];
  private readonly functions = new Map<number, (...args: unknown[]) => unknown>();
  private readonly functionIds = new WeakMap<object, number>();
  private readonly pendingPromises = new Map<
    number,
    { resolve(value: unknown): void; reject(error: unknown): void }
  >();
  private nextId = 1;
  private readonly hooks: CloneHooks;

  constructor(
    private readonly token: string,
    private readonly side: Side,
  ) {
    this.hooks = {
      encode: (value) => this.encodeSpecial(value),
      decode: (tag, node) => this.decodeSpecial(tag, node),
    };
    if (side === 'isolated') this.offerNode();
    else this.askForNode();
  }

  // ── Handshake ───────────────────────────────────────────────────────────────────────────────

  private offerNode(): void {
    const node = document.createElement('electron-standin-bridge');
    this.node = node;
    this.listen(node);
    // The main world answers on the element once it has it; only then can it hear us.
    const onAck = () => {
      removeEventListener.call(node, `${this.token}:ack`, onAck);
      this.ready = true;
      for (const message of this.queue.splice(0)) {
        const reply = this.post(message);
        if (reply && !reply.ok) console.error(decodeClone(reply.error, this.hooks));
      }
    };
    addEventListener.call(node, `${this.token}:ack`, onAck);
    const hello = () => {
      if (this.ready) return;
      dispatchEvent.call(
        document,
        new NativeMouseEvent(`${this.token}:hello`, { relatedTarget: node }),
      );
    };
    addEventListener.call(document, `${this.token}:ask`, hello);
    hello();
  }

  private askForNode(): void {
    const onHello = (event: Event) => {
      const node = (event as MouseEvent).relatedTarget;
      if (this.node || !(node instanceof Element)) return;
      removeEventListener.call(document, `${this.token}:hello`, onHello);
      this.node = node;
      this.ready = true;
      this.listen(node);
      dispatchEvent.call(node, new NativeCustomEvent(`${this.token}:ack`));
    };
    addEventListener.call(document, `${this.token}:hello`, onHello);
    dispatchEvent.call(document, new NativeCustomEvent(`${this.token}:ask`));
  }

  private listen(node: Element): void {
    addEventListener.call(node, `${this.token}:to-${this.side}`, (event: Event) => {
      const message = parse((event as CustomEvent<string>).detail) as LinkMessage;
      const reply = this.receive(message);
      if (reply) setAttribute.call(node, REPLY, stringify(reply));
    });
  }

  // ── Sending ─────────────────────────────────────────────────────────────────────────────────

  private get otherSide(): Side {
    return this.side === 'main' ? 'isolated' : 'main';
  }

  /** Sends a message; a call returns the other world's reply (synchronously). */
  private post(message: LinkMessage): Reply | null {
    if (!this.ready || !this.node) {
      if (message.op === 'call') throw new Error('The contextBridge is not connected yet.');
      this.queue.push(message);
      return null;
    }
    const wantsReply = message.op !== 'settle';
    const node = this.node;
    removeAttribute.call(node, REPLY);
    dispatchEvent.call(
      node,
      new NativeCustomEvent(`${this.token}:to-${this.otherSide}`, { detail: stringify(message) }),
    );
    if (!wantsReply) return null;
    const text = getAttribute.call(node, REPLY);
    removeAttribute.call(node, REPLY);
    if (text === null) throw new Error('The other world did not answer the call.');
    return parse(text) as Reply;
  }

  /** contextBridge.exposeInMainWorld, from the isolated world. */
  expose(key: string, value: unknown): void {
    const reply = this.post({ op: 'expose', key, value: encodeClone(value, this.hooks) });
    if (reply && !reply.ok) throw decodeClone(reply.error, this.hooks);
  }

  private call(fn: number, args: unknown[]): unknown {
    const reply = this.post({ op: 'call', fn, args: encodeClone(args, this.hooks) })!;
    if (!reply.ok) throw decodeClone(reply.error, this.hooks);
    return decodeClone(reply.value, this.hooks);
  }

  // ── Receiving ───────────────────────────────────────────────────────────────────────────────

  private receive(message: LinkMessage): Reply | null {
    switch (message.op) {
      case 'call': {
        const fn = this.functions.get(message.fn);
        try {
          if (!fn) throw new Error('The function behind this bridge proxy is gone.');
          const args = decodeClone(message.args, this.hooks) as unknown[];
          return { ok: true, value: encodeClone(fn(...args), this.hooks) };
        } catch (error) {
          return { ok: false, error: encodeClone(error, this.hooks) };
        }
      }
      case 'settle': {
        const pending = this.pendingPromises.get(message.promise);
        this.pendingPromises.delete(message.promise);
        const value = decodeClone(message.value, this.hooks);
        if (message.ok) pending?.resolve(value);
        else pending?.reject(value);
        return null;
      }
      case 'expose': {
        try {
          if (this.side !== 'main') throw new Error('Only the main world takes an API.');
          const value = deepFreeze(decodeClone(message.value, this.hooks));
          const target = window as unknown as Record<string, unknown>;
          if (Object.prototype.hasOwnProperty.call(target, message.key)) {
            throw new Error(
              'Cannot bind an API on top of an existing property on the window object',
            );
          }
          defineProperty(target, message.key, {
            value,
            enumerable: true,
            writable: false,
            configurable: false,
          });
          return { ok: true, value: null };
        } catch (error) {
          return { ok: false, error: encodeClone(error, this.hooks) };
        }
      }
    }
  }

  // ── Values that are proxied rather than copied ──────────────────────────────────────────────

  private encodeSpecial(value: unknown): Wire | undefined {
    if (typeof value === 'symbol') return { $: 'undef' };
    if (typeof value === 'function') {
      let id = this.functionIds.get(value);
      if (id === undefined) {
        id = this.nextId++;
        this.functionIds.set(value, id);
        this.functions.set(id, value as (...args: unknown[]) => unknown);
      }
      return { $: 'fn', id };
    }
    if (value instanceof NativePromise) {
      const id = this.nextId++;
      value.then(
        (result) => this.settle(id, true, result),
        (error: unknown) => this.settle(id, false, error),
      );
      return { $: 'promise', id };
    }
    if (value instanceof Error) return { $: 'bridge-error', message: String(value.message) };
    if (typeof Node !== 'undefined' && value instanceof Node) {
      throw new TypeError('The stand-in contextBridge does not carry DOM elements.');
    }
    return undefined;
  }

  private settle(id: number, ok: boolean, value: unknown): void {
    let wire: Wire;
    try {
      wire = encodeClone(value, this.hooks);
    } catch (error) {
      ok = false;
      wire = encodeClone(error, this.hooks);
    }
    this.post({ op: 'settle', promise: id, ok, value: wire });
  }

  private decodeSpecial(tag: string, node: { [key: string]: Wire }): unknown {
    switch (tag) {
      case 'fn': {
        // A new proxy every time a function crosses, as Electron's (its cache lives for one
        // crossing only): the same function passed twice is two different functions here.
        // Callable, not constructible: "Sending classes or constructors will not work".
        const id = node.id as number;
        return (...args: unknown[]) => this.call(id, args);
      }
      case 'promise':
        return new NativePromise((resolve, reject) =>
          this.pendingPromises.set(node.id as number, { resolve, reject }),
        );
      case 'bridge-error':
        return new Error(node.message as string);
      default:
        throw new Error(`Unknown bridge value ${tag}`);
    }
  }
}

function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  if (seen.has(value) || ArrayBuffer.isView(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
  if (!isFrozen(value)) freeze(value);
  return value;
}
