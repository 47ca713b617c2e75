// The built preload (out/preload/index.cjs) run as Electron runs a sandboxed preload: one
// CommonJS script whose `require` offers only 'electron' (and a few built-ins). Electron itself
// cannot run here, so its two objects are stand-ins that record what the preload does with them.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelOf, eventMethodName, eventNames, invokeNames } from '../../shared/contract';
import { builtFile } from '../support/build-output';

let bundlePath = '';

beforeAll(() => {
  bundlePath = builtFile('out/preload/index.cjs');
}, 180_000);

type Listener = (event: unknown, payload: unknown) => void;

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const answers = new Map<string, unknown>();
  const required: string[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return answers.get(channel) ?? { ok: true, value: null };
      },
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(bundlePath, 'utf8'), {
    require: sandboxRequire,
    module,
    exports: module.exports,
    console,
  });
  const send = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) {
      listener({ sender: 'the IpcRendererEvent must not reach the page' }, payload);
    }
  };
  return { exposed, invoked, listeners, answers, required, send };
}

describe('out/preload/index.cjs', () => {
  it('requires nothing but electron and exposes only window.portscope', () => {
    const { exposed, required } = loadPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['portscope']);
  });

  it('window.portscope has one method per contract channel', () => {
    const api = loadPreload().exposed.get('portscope') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [...invokeNames, ...eventNames.map((name) => eventMethodName(name))].sort(),
    );
  });

  it('an invoke goes out on its prefixed channel and its envelope is unwrapped', async () => {
    const { exposed, invoked, answers } = loadPreload();
    const api = exposed.get('portscope') as Record<string, (...args: unknown[]) => unknown>;
    answers.set(channelOf('getSettings'), { ok: true, value: { from: 'main' } });
    answers.set(channelOf('setPollInterval'), {
      ok: false,
      error: { name: 'InvalidPayloadError', message: 'Rejected setPollInterval: 0: bad' },
    });
    await expect(api.getSettings?.()).resolves.toEqual({ from: 'main' });
    await expect(api.setPollInterval?.(7)).rejects.toThrow('Rejected setPollInterval: 0: bad');
    expect(invoked).toEqual([
      { channel: 'portscope:getSettings', args: [] },
      { channel: 'portscope:setPollInterval', args: [7] },
    ]);
  });

  it('listeners get the payload only, and unsubscribing removes the ipcRenderer listener', () => {
    const { exposed, listeners, send } = loadPreload();
    const api = exposed.get('portscope') as Record<string, (listener: unknown) => () => void>;
    const calls: unknown[][] = [];
    const unsubscribe = api.onMenuCommand?.((...args: unknown[]) => calls.push(args));
    send(channelOf('menuCommand'), { command: 'export' });
    expect(calls).toEqual([[{ command: 'export' }]]);
    expect(listeners.get(channelOf('menuCommand'))?.size).toBe(1);
    unsubscribe?.();
    expect(listeners.get(channelOf('menuCommand'))?.size).toBe(0);
  });
});
