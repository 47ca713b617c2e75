// Builds `window.portscope` from the contract's channel names over any transport. The Electron
// preload passes ipcRenderer (electron/preload.ts); the test bridge passes Playwright bindings
// (test/support/bridge.ts). Both therefore expose exactly the same named methods, one per
// channel, and never a generic send/invoke the page could point at a channel of its choosing.
//
// This file has no run-time imports (types only), so it can be bundled into a page script as is.
import type {
  EventMethodName,
  EventName,
  EventPayload,
  InvokeName,
  PortscopeApi,
} from './contract';

/** Sends one invoke to main and resolves with its result (already unwrapped). */
export type InvokeTransport = (name: InvokeName, args: unknown[]) => Promise<unknown>;

/** Subscribes to one event channel; returns the function that unsubscribes. */
export type SubscribeTransport = (
  name: EventName,
  listener: (payload: unknown) => void,
) => () => void;

export interface ContractNames {
  invokeNames: readonly InvokeName[];
  eventNames: readonly EventName[];
}

export interface ContractTransport {
  invoke: InvokeTransport;
  subscribe: SubscribeTransport;
}

/** `delta` → `onDelta` (the same rule as eventMethodName in shared/contract.ts). */
function methodNameOf<K extends EventName>(name: K): EventMethodName<K> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as EventMethodName<K>;
}

export function createPortscopeApi(
  names: ContractNames,
  transport: ContractTransport,
): PortscopeApi {
  const api: Record<string, unknown> = {};
  for (const name of names.invokeNames) {
    // Rest args, so the method's arity never hides what the page actually sent: main validates.
    api[name] = (...args: unknown[]) => transport.invoke(name, args);
  }
  for (const name of names.eventNames) {
    api[methodNameOf(name)] = (listener: (payload: EventPayload<typeof name>) => void) => {
      if (typeof listener !== 'function') {
        throw new TypeError(`${methodNameOf(name)} needs a function`);
      }
      let subscribed = true;
      const unsubscribe = transport.subscribe(name, (payload) =>
        listener(payload as EventPayload<typeof name>),
      );
      return () => {
        // Idempotent: React effects may clean up twice in development.
        if (!subscribed) return;
        subscribed = false;
        unsubscribe();
      };
    };
  }
  return Object.freeze(api) as PortscopeApi;
}

// Invoke results travel from main as an envelope rather than as a thrown error, because
// Electron rewrites a rejected handler's error into "Error invoking remote method
// 'portscope:x': Error: …" and drops its name and code. The envelope keeps both, so the page
// can show the message a person can act on as it was written.

export interface InvokeFailure {
  name: string;
  message: string;
  code?: string;
}

export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; error: InvokeFailure };

/** Main side: a handler's error as the envelope carries it. */
export function failureOf(error: unknown): InvokeOutcome {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        ...(typeof code === 'string' ? { code } : {}),
      },
    };
  }
  return { ok: false, error: { name: 'Error', message: String(error) } };
}

/** An error that happened in main, rebuilt on the page side with its name and code. */
export class RemoteError extends Error {
  readonly code: string | undefined;
  constructor(failure: InvokeFailure) {
    super(failure.message);
    this.name = failure.name;
    this.code = failure.code;
  }
}

/** Page side: the result of an envelope, or its error thrown. */
export function unwrapInvokeOutcome(name: InvokeName, outcome: unknown): unknown {
  if (typeof outcome === 'object' && outcome !== null && 'ok' in outcome) {
    const envelope = outcome as InvokeOutcome;
    if (envelope.ok) return envelope.value;
    if (typeof envelope.error?.message === 'string') throw new RemoteError(envelope.error);
  }
  throw new RemoteError({
    name: 'ProtocolError',
    message: `Unexpected answer from the main process on ${name}.`,
  });
}
