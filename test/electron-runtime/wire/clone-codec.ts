// The structured clone algorithm (https://html.spec.whatwg.org/multipage/structured-data.html),
// as text: what Electron's IPC does to every argument and result, done by the stand-in where its
// transport is a string (a CDP binding, a DOM event between two worlds of one page). Used on both
// sides, Node and page, so it imports nothing and needs neither Node nor the DOM.
//
// Kept: undefined, NaN, ±Infinity, -0, BigInt, Date, RegExp, Map, Set, ArrayBuffer and typed
// arrays, Error (name, message, stack), boxed primitives, object identity and cycles. Plain data
// stays plain JSON, so a row of the table costs what JSON costs. Refused, as structured clone
// refuses them: functions, symbols, promises, WeakMap and WeakSet (DataCloneError), unless a
// hook takes them over (the contextBridge proxies functions and promises, see page/world-link.ts).

export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** Thrown where structured clone throws (a function or promise in an IPC message). */
export class DataCloneError extends Error {
  override name = 'DataCloneError';
}

export interface CloneHooks {
  /**
   * Offered every function, symbol and object before the built-in rules; a tagged node (an
   * object whose `$` names the tag) takes the value over, undefined leaves it to the rules.
   */
  encode?(value: unknown): Wire | undefined;
  /** Turns a tag this codec does not know back into a value. */
  decode?(tag: string, node: { [key: string]: Wire }): unknown;
}

const ERROR_TYPES: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

const TYPED_ARRAYS: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
};

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBuffer(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `${value.name ? `function ${value.name}` : 'A function'}`;
  if (typeof value === 'symbol') return String(value);
  return Object.prototype.toString.call(value).slice(8, -1);
}

function isPlainTag(node: { [key: string]: Wire }): boolean {
  return typeof node.$ !== 'string';
}

/** A value as JSON-safe data; throws DataCloneError where structured clone would. */
export function encodeClone(value: unknown, hooks: CloneHooks = {}): Wire {
  // Objects are numbered in the order they are first met (before their children), and the
  // decoder numbers them in the same order, so a repeat or a cycle becomes a reference.
  const seen = new Map<object, number>();
  let nextId = 0;
  const remember = (object: object) => seen.set(object, nextId++);

  const encode = (item: unknown): Wire => {
    switch (typeof item) {
      case 'string':
      case 'boolean':
        return item;
      case 'number':
        return Number.isFinite(item) && !Object.is(item, -0)
          ? item
          : { $: 'num', v: Object.is(item, -0) ? '-0' : String(item) };
      case 'undefined':
        return { $: 'undef' };
      case 'bigint':
        return { $: 'bigint', v: item.toString() };
      case 'symbol':
      case 'function': {
        const taken = hooks.encode?.(item);
        if (taken !== undefined) return taken;
        throw new DataCloneError(`${describe(item)} could not be cloned.`);
      }
      default:
        break;
    }
    if (item === null) return null;
    const object = item as object;
    const taken = hooks.encode?.(object);
    if (taken !== undefined) return taken;
    const ref = seen.get(object);
    if (ref !== undefined) return { $: 'ref', i: ref };

    if (Array.isArray(object)) {
      remember(object);
      const list: Wire[] = [];
      for (let i = 0; i < object.length; i++) list.push(encode(object[i]));
      return list;
    }
    if (object instanceof Date) {
      remember(object);
      return { $: 'date', v: object.getTime() };
    }
    if (object instanceof RegExp) {
      remember(object);
      return { $: 'regexp', source: object.source, flags: object.flags };
    }
    if (object instanceof Map) {
      remember(object);
      return { $: 'map', e: [...object].map(([k, v]) => [encode(k), encode(v)]) };
    }
    if (object instanceof Set) {
      remember(object);
      return { $: 'set', e: [...object].map((v) => encode(v)) };
    }
    if (object instanceof ArrayBuffer) {
      remember(object);
      return { $: 'buffer', b: bytesToBase64(new Uint8Array(object)) };
    }
    if (ArrayBuffer.isView(object)) {
      remember(object);
      const kind = object.constructor.name;
      if (!(kind in TYPED_ARRAYS)) throw new DataCloneError(`${kind} could not be cloned.`);
      const bytes = new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
      return { $: 'view', k: kind, b: bytesToBase64(bytes) };
    }
    if (object instanceof Error) {
      remember(object);
      const name = object.name in ERROR_TYPES ? object.name : 'Error';
      const node: { [key: string]: Wire } = { $: 'error', name, message: String(object.message) };
      if (typeof object.stack === 'string') node.stack = object.stack;
      return node;
    }
    if (
      object instanceof Boolean ||
      object instanceof Number ||
      object instanceof String ||
      (typeof BigInt !== 'undefined' &&
        Object.prototype.toString.call(object) === '[object BigInt]')
    ) {
      remember(object);
      return { $: 'boxed', v: encode(object.valueOf()) };
    }
    if (object instanceof Promise || object instanceof WeakMap || object instanceof WeakSet) {
      throw new DataCloneError(`${describe(object)} could not be cloned.`);
    }
    // An ordinary object (whatever its prototype): its own enumerable string-keyed properties.
    remember(object);
    const keys = Object.keys(object);
    const record = object as Record<string, unknown>;
    if (keys.includes('$')) {
      return { $: 'object', e: keys.map((key) => [key, encode(record[key])]) };
    }
    const out: { [key: string]: Wire } = {};
    for (const key of keys) out[key] = encode(record[key]);
    return out;
  };

  return encode(value);
}

/** The value encodeClone was given, rebuilt (a copy, never the same objects). */
export function decodeClone(wire: Wire, hooks: CloneHooks = {}): unknown {
  const objects: unknown[] = [];
  const keep = <T>(value: T): T => {
    objects.push(value);
    return value;
  };

  const decode = (node: Wire): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) {
      const list = keep([] as unknown[]);
      for (const item of node) list.push(decode(item));
      return list;
    }
    if (isPlainTag(node)) {
      const out = keep({} as Record<string, unknown>);
      for (const key of Object.keys(node)) out[key] = decode(node[key]!);
      return out;
    }
    switch (node.$) {
      case 'undef':
        return undefined;
      case 'num':
        return node.v === '-0' ? -0 : Number(node.v);
      case 'bigint':
        return BigInt(node.v as string);
      case 'ref':
        return objects[node.i as number];
      case 'date':
        return keep(new Date(node.v as number));
      case 'regexp':
        return keep(new RegExp(node.source as string, node.flags as string));
      case 'map': {
        const map = keep(new Map<unknown, unknown>());
        for (const entry of node.e as Wire[][]) map.set(decode(entry[0]!), decode(entry[1]!));
        return map;
      }
      case 'set': {
        const set = keep(new Set<unknown>());
        for (const entry of node.e as Wire[]) set.add(decode(entry));
        return set;
      }
      case 'buffer':
        return keep(base64ToBuffer(node.b as string));
      case 'view': {
        const View = TYPED_ARRAYS[node.k as string] ?? Uint8Array;
        return keep(new View(base64ToBuffer(node.b as string)));
      }
      case 'error': {
        const Type = ERROR_TYPES[node.name as string] ?? Error;
        const error = keep(new Type(node.message as string));
        if (typeof node.stack === 'string') error.stack = node.stack;
        return error;
      }
      case 'boxed':
        return keep(Object(decode(node.v!)));
      case 'object': {
        const out = keep({} as Record<string, unknown>);
        for (const entry of node.e as Wire[][]) out[entry[0] as string] = decode(entry[1]!);
        return out;
      }
      default: {
        if (!hooks.decode) throw new DataCloneError(`Unknown value tag ${String(node.$)}`);
        return hooks.decode(node.$ as string, node);
      }
    }
  };

  return decode(wire);
}
