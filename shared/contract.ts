// The IPC contract: every channel between renderer and main, declared once. The preload
// (electron/preload.ts), the main-side registration (electron/ipc.ts) and the test bridge
// (test/support/bridge.ts) are all generated from these two objects, so a channel cannot exist
// in one transport and not another. Feature areas declare their channels in shared/contract/.
import type { z } from 'zod';
import { actionEvents, actionInvokes } from './contract/actions';
import { agentInvokes } from './contract/agent';
import { appEvents } from './contract/app';
import { connectionEvents, connectionInvokes } from './contract/connections';
import { exportInvokes } from './contract/export';
import { processIconInvokes } from './contract/process-icons';
import { protectedSettingsInvokes } from './contract/protected-settings';
import { ruleInvokes } from './contract/rules';
import { whoisInvokes } from './contract/whois';
import type { EventSpec, InvokeSpec } from './contract/define';

export const invokeChannels = {
  ...connectionInvokes,
  ...exportInvokes,
  ...actionInvokes,
  ...ruleInvokes,
  ...whoisInvokes,
  ...protectedSettingsInvokes,
  ...agentInvokes,
  ...processIconInvokes,
} as const;

export const eventChannels = {
  ...connectionEvents,
  ...appEvents,
  ...actionEvents,
} as const;

export type InvokeChannels = typeof invokeChannels;
export type EventChannels = typeof eventChannels;
export type InvokeName = keyof InvokeChannels;
export type EventName = keyof EventChannels;

export const invokeNames = Object.keys(invokeChannels) as InvokeName[];
export const eventNames = Object.keys(eventChannels) as EventName[];

/** The Electron channel string for a contract name; one prefix so nothing else collides. */
export function channelOf(name: InvokeName | EventName): string {
  return `portscope:${name}`;
}

type ArgsOf<S> = S extends InvokeSpec<infer A, unknown> ? A : never;
type ResultOf<S> = S extends InvokeSpec<z.ZodTuple, infer R> ? R : never;
type PayloadOf<S> = S extends EventSpec<infer P> ? P : never;

export type InvokeArgs<K extends InvokeName> = z.input<ArgsOf<InvokeChannels[K]>>;
export type InvokeParsedArgs<K extends InvokeName> = z.output<ArgsOf<InvokeChannels[K]>>;
export type InvokeResult<K extends InvokeName> = ResultOf<InvokeChannels[K]>;
export type EventPayload<K extends EventName> = PayloadOf<EventChannels[K]>;

/** `onDelta`, `onMenuCommand` …: the renderer-side name of an event subscription. */
export type EventMethodName<K extends EventName> = `on${Capitalize<K>}`;
export function eventMethodName<K extends EventName>(name: K): EventMethodName<K> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as EventMethodName<K>;
}

/** What the renderer sees as `window.portscope`. */
export type PortscopeApi = {
  [K in InvokeName]: (...args: InvokeArgs<K>) => Promise<InvokeResult<K>>;
} & {
  [K in EventName as EventMethodName<K>]: (
    listener: (payload: EventPayload<K>) => void,
  ) => () => void;
};

/** What main implements: one function per invoke channel, receiving validated arguments. */
export type InvokeHandlers = {
  [K in InvokeName]: (...args: InvokeParsedArgs<K>) => Promise<InvokeResult<K>> | InvokeResult<K>;
};

/** How main pushes an event to the renderer (or to the test bridge). */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** Thrown (and sent back over IPC) when a payload does not match its channel's schema. */
export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
}

/** Validate raw arguments from the renderer against the channel's schema. */
export function parseInvokeArgs<K extends InvokeName>(
  name: K,
  raw: unknown[],
): InvokeParsedArgs<K> {
  const spec = invokeChannels[name] as InvokeSpec;
  const parsed = spec.args.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidPayloadError(`Rejected ${name}: ${detail}`);
  }
  return parsed.data as InvokeParsedArgs<K>;
}
