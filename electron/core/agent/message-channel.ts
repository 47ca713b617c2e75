// One side of the agent's pipes as a stream of validated messages: frames in (FrameDecoder, then
// decodeMessage against the schema of what this side may receive), frames out (encodeFrame).
// Whatever arrives broken (not a frame, too long, not JSON, not a known message) is handed to
// onInvalid with a sentence saying what was wrong; nothing a peer sends can throw here.
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import { encodeFrame, FrameDecoder, type FrameEvent } from './framing';
import { decodeMessage } from './protocol';

export interface MessageChannelOptions<In> {
  input: Readable;
  output: Writable;
  schema: z.ZodType<In>;
  /** Largest payload accepted from the peer. */
  maxIncomingBytes: number;
  onMessage(message: In): void;
  /** A message that could not be used; `id` is its request id when one was readable. */
  onInvalid(problem: string, id: number | null): void;
  /** The peer's side closed (end of input, or an input error). Called once. */
  onEnd(reason: string): void;
}

export interface MessageChannel<Out> {
  /** Send one message; false once the output is closed (the message is dropped). */
  send(message: Out): boolean;
  /** Stop reading and end the output. */
  close(): void;
  readonly closed: boolean;
}

export function openMessageChannel<In, Out>(
  options: MessageChannelOptions<In>,
): MessageChannel<Out> {
  const decoder = new FrameDecoder(options.maxIncomingBytes);
  let closed = false;
  let ended = false;

  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    closed = true;
    options.onEnd(reason);
  };

  const onEvent = (event: FrameEvent) => {
    if (event.kind === 'oversized') {
      options.onInvalid(
        `a message of ${event.length} bytes, over the limit of ${event.limit}: it was skipped`,
        null,
      );
    } else if (event.kind === 'garbage') {
      options.onInvalid(`${event.bytes} bytes that are not a message: they were skipped`, null);
    } else {
      const decoded = decodeMessage(event.payload, options.schema);
      if (decoded.ok) options.onMessage(decoded.message);
      else options.onInvalid(decoded.problem, decoded.id);
    }
  };
  const onData = (chunk: Buffer) => {
    for (const event of decoder.push(chunk)) {
      if (ended) return;
      onEvent(event);
    }
  };
  options.input.on('data', onData);
  options.input.once('end', () => {
    const { garbage, truncated } = decoder.end();
    if (garbage) onEvent(garbage);
    if (truncated) {
      options.onInvalid(
        `a message cut off after ${truncated.received} of ${truncated.expected} bytes`,
        null,
      );
    }
    end('its input ended');
  });
  options.input.once('error', (error: Error) => end(`its input failed: ${error.message}`));
  // A write to a peer that has gone (EPIPE) is the peer leaving, not a crash.
  options.output.on('error', (error: Error) => end(`its output failed: ${error.message}`));

  return {
    send(message) {
      if (closed || options.output.destroyed || options.output.writableEnded) return false;
      options.output.write(encodeFrame(message));
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      options.input.off('data', onData);
      options.input.destroy();
      options.output.end();
    },
    get closed() {
      return closed;
    },
  };
}
