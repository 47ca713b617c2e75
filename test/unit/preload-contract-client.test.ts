// window.portscope as the preload (and the test bridge) build it from the contract.
import { describe, expect, it } from 'vitest';
import {
  eventMethodName,
  eventNames,
  invokeNames,
  type EventName,
  type InvokeName,
} from '../../shared/contract';
import {
  RemoteError,
  createPortscopeApi,
  failureOf,
  unwrapInvokeOutcome,
  type ContractTransport,
} from '../../shared/contract-client';

function recordingTransport() {
  const invoked: { name: InvokeName; args: unknown[] }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribeCalls = 0;
  const transport: ContractTransport = {
    invoke: async (name, args) => {
      invoked.push({ name, args });
      return `result of ${name}`;
    },
    subscribe: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => {
        unsubscribeCalls += 1;
        set.delete(listener);
      };
    },
  };
  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  return { transport, invoked, emit, unsubscribeCalls: () => unsubscribeCalls };
}

describe('createPortscopeApi', () => {
  it('exposes exactly one named method per contract channel, and no generic send/invoke', () => {
    const { transport } = recordingTransport();
    const api = createPortscopeApi({ invokeNames, eventNames }, transport);
    const expected = [...invokeNames, ...eventNames.map((name) => eventMethodName(name))].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const forbidden of ['send', 'invoke', 'on', 'ipcRenderer', 'subscribe']) {
      expect(api).not.toHaveProperty(forbidden);
    }
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('names event methods exactly as shared/contract.ts does', () => {
    const { transport } = recordingTransport();
    const api = createPortscopeApi({ invokeNames, eventNames }, transport);
    expect(api).toHaveProperty('onDelta');
    expect(api).toHaveProperty('onMenuCommand');
  });

  it('an invoke method sends its own channel name and every argument it was given', async () => {
    const { transport, invoked } = recordingTransport();
    const api = createPortscopeApi({ invokeNames, eventNames }, transport);
    await expect(api.setPollInterval(2000)).resolves.toBe('result of setPollInterval');
    await api.getSnapshot();
    // Extra arguments are passed on for main to reject, not silently dropped here.
    await (api.setPaused as (...args: unknown[]) => Promise<void>)(true, 'extra');
    expect(invoked).toEqual([
      { name: 'setPollInterval', args: [2000] },
      { name: 'getSnapshot', args: [] },
      { name: 'setPaused', args: [true, 'extra'] },
    ]);
  });

  it('delivers event payloads to listeners until they unsubscribe (idempotently)', () => {
    const { transport, emit, unsubscribeCalls } = recordingTransport();
    const api = createPortscopeApi({ invokeNames, eventNames }, transport);
    const seen: unknown[] = [];
    const unsubscribe = api.onMenuCommand((payload) => seen.push(payload));
    emit('menuCommand', { command: 'export' });
    emit('delta', { other: 'channel' });
    unsubscribe();
    unsubscribe();
    emit('menuCommand', { command: 'preferences' });
    expect(seen).toEqual([{ command: 'export' }]);
    expect(unsubscribeCalls()).toBe(1);
  });

  it('refuses a listener that is not a function', () => {
    const { transport } = recordingTransport();
    const api = createPortscopeApi({ invokeNames, eventNames }, transport);
    expect(() => (api.onDelta as (listener: unknown) => void)('nope')).toThrow(TypeError);
  });
});

describe('invoke outcome envelope', () => {
  it('unwraps a result', () => {
    expect(unwrapInvokeOutcome('getSettings', { ok: true, value: { a: 1 } })).toEqual({ a: 1 });
    expect(unwrapInvokeOutcome('refreshNow', { ok: true, value: undefined })).toBeUndefined();
  });

  it('rebuilds an error from main with its name, message and code', () => {
    class AccessDenied extends Error {
      override name = 'AccessDenied';
      code = 'EPERM';
    }
    const outcome = failureOf(new AccessDenied('Run Portscope as root to close this connection.'));
    let thrown: unknown;
    try {
      unwrapInvokeOutcome('getSnapshot', outcome);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RemoteError);
    expect(thrown).toMatchObject({
      name: 'AccessDenied',
      message: 'Run Portscope as root to close this connection.',
      code: 'EPERM',
    });
  });

  it('turns a thrown non-Error into a message', () => {
    expect(failureOf('plain string')).toEqual({
      ok: false,
      error: { name: 'Error', message: 'plain string' },
    });
  });

  it('treats anything that is not an envelope as a protocol error', () => {
    for (const bad of [
      undefined,
      null,
      42,
      { value: 1 },
      { ok: false },
      { ok: false, error: {} },
    ]) {
      expect(() => unwrapInvokeOutcome('getSnapshot', bad)).toThrow(
        /Unexpected answer from the main process on getSnapshot/,
      );
    }
  });
});
