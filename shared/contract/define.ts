// Building blocks for the IPC contract. Each channel is declared once with a zod tuple for its
// arguments (validated in main: the renderer is not trusted) and a result type. Results come from
// main, which we trust, so they are typed but not re-validated: `returns<T>()` is a type marker.
import { z } from 'zod';

export interface InvokeSpec<Args extends z.ZodTuple = z.ZodTuple, Result = unknown> {
  readonly kind: 'invoke';
  readonly args: Args;
  /** Type-level only; never read at run time. */
  readonly result?: Result;
}

export interface EventSpec<Payload = unknown> {
  readonly kind: 'event';
  readonly payload?: Payload;
}

export function invoke<Result = void>() {
  return <Args extends z.ZodTuple>(args: Args): InvokeSpec<Args, Result> => ({
    kind: 'invoke',
    args,
  });
}

export function event<Payload>(): EventSpec<Payload> {
  return { kind: 'event' };
}

export const noArgs = z.tuple([]);
