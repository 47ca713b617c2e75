// What electron/ipc.ts does with each invoke, without Electron: check the sender, validate the
// arguments against the contract, call the handler, and turn the result or error into the
// envelope the preload unwraps (shared/contract-client.ts explains why an envelope).
import { parseInvokeArgs, type InvokeHandlers, type InvokeName } from '../shared/contract';
import { failureOf, type InvokeOutcome } from '../shared/contract-client';
import { isTrustedSender, type IpcSender, type RendererLocation } from './renderer-location';

export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}

export interface DispatchLog {
  refused(message: string): void;
  failed(name: InvokeName, error: unknown): void;
}

export type InvokeDispatcher = (
  name: InvokeName,
  sender: IpcSender,
  rawArgs: unknown[],
) => Promise<InvokeOutcome>;

export function createInvokeDispatcher(
  handlers: InvokeHandlers,
  location: RendererLocation,
  /** Main's log: refused senders, and handler errors with their stack (the page gets the message). */
  log: DispatchLog = { refused: () => undefined, failed: () => undefined },
): InvokeDispatcher {
  return async (name, sender, rawArgs) => {
    if (!isTrustedSender(sender, location)) {
      const message = `Refused ${name} from ${sender.url ?? 'a closed frame'}${sender.isMainFrame ? '' : ' (subframe)'}`;
      log.refused(message);
      return failureOf(new UntrustedSenderError(message));
    }
    try {
      const args = parseInvokeArgs(name, rawArgs);
      const handler = handlers[name] as (...args: unknown[]) => unknown;
      return { ok: true, value: await handler(...(args as unknown[])) };
    } catch (error) {
      log.failed(name, error);
      return failureOf(error);
    }
  };
}
