// The agent's wire format: frames cut anywhere by the pipe, garbage, lying lengths, frames over
// the limit, a stream ending inside a frame; and message validation on both sides.
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameDecoder,
  FRAME_HEADER_BYTES,
  type FrameEvent,
} from '../../electron/core/agent/framing';
import {
  agentRow,
  decodeMessage,
  fromAgentSchema,
  MAX_TO_AGENT_BYTES,
  toAgentSchema,
} from '../../electron/core/agent/protocol';
import { rebaseOnTable } from '../../electron/core/agent/poll-switch';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

function header(length: number): Buffer {
  const bytes = Buffer.alloc(FRAME_HEADER_BYTES);
  bytes[0] = 0xff;
  bytes.writeUInt32BE(length, 1);
  return bytes;
}

function payloads(events: FrameEvent[]): unknown[] {
  return events.map((event) =>
    event.kind === 'frame' ? JSON.parse(event.payload.toString('utf8')) : event,
  );
}

describe('frames', () => {
  const a = { type: 'refresh', id: 1 };
  const b = { text: 'ünïcödé → 😀', list: [1, 2, 3] };

  it('reads frames however the pipe cuts them: byte by byte, or several in one chunk', () => {
    const stream = Buffer.concat([encodeFrame(a), encodeFrame(b), encodeFrame(a)]);
    const whole = new FrameDecoder(1024);
    expect(payloads(whole.push(stream))).toEqual([a, b, a]);

    const bytewise = new FrameDecoder(1024);
    const events: FrameEvent[] = [];
    for (const byte of stream) events.push(...bytewise.push(Buffer.from([byte])));
    expect(payloads(events)).toEqual([a, b, a]);
    expect(bytewise.end()).toEqual({ garbage: null, truncated: null });
  });

  it('writes the marker, the UTF-8 length and the JSON', () => {
    const frame = encodeFrame(b);
    const json = Buffer.from(JSON.stringify(b), 'utf8');
    expect(frame[0]).toBe(0xff);
    expect(frame.readUInt32BE(1)).toBe(json.length);
    expect(frame.subarray(FRAME_HEADER_BYTES).equals(json)).toBe(true);
  });

  it('skips garbage up to the next frame and says how many bytes it threw away', () => {
    const decoder = new FrameDecoder(1024);
    const events = decoder.push(
      Buffer.concat([Buffer.from('hello, agent\n'), encodeFrame(a), Buffer.from('xyz')]),
    );
    expect(payloads(events)).toEqual([{ kind: 'garbage', bytes: 13 }, a]);
    expect(decoder.end().garbage).toEqual({ kind: 'garbage', bytes: 3 });
  });

  it('skips a frame over the limit without buffering it, then reads on', () => {
    const decoder = new FrameDecoder(64);
    const big = Buffer.concat([header(1_000_000), Buffer.alloc(4096, 'a')]);
    expect(payloads(decoder.push(big))).toEqual([
      { kind: 'oversized', length: 1_000_000, limit: 64 },
    ]);
    // The lying length is not honoured: the next marker starts the next frame.
    expect(payloads(decoder.push(Buffer.concat([Buffer.alloc(100, 'b'), encodeFrame(a)])))).toEqual(
      [a],
    );
  });

  it('recovers after a frame that is shorter than it said: one frame lost, not the stream', () => {
    const decoder = new FrameDecoder(1024);
    const short = Buffer.concat([header(30), Buffer.from('{"cut":')]);
    const events = decoder.push(
      Buffer.concat([short, encodeFrame(a), encodeFrame(b), encodeFrame(a)]),
    );
    // The 30 bytes swallowed the start of the next frame (not JSON); the rest reads fine.
    const kinds = events.map((event) => event.kind);
    expect(kinds[0]).toBe('frame');
    expect(() => JSON.parse((events[0] as { payload: Buffer }).payload.toString())).toThrow();
    expect(payloads(events.filter((event) => event.kind === 'frame').slice(1))).toContainEqual(a);
  });

  it('reports a stream that ends inside a frame or its header', () => {
    const inPayload = new FrameDecoder(1024);
    inPayload.push(encodeFrame(b).subarray(0, 12));
    expect(inPayload.end().truncated).toMatchObject({ kind: 'truncated', received: 12 });
    const inHeader = new FrameDecoder(1024);
    inHeader.push(Buffer.from([0xff, 0]));
    expect(inHeader.end().truncated).toEqual({ kind: 'truncated', expected: 5, received: 2 });
  });

  it('passes an empty frame on (the message check refuses it)', () => {
    const events = new FrameDecoder(16).push(header(0));
    expect(events).toEqual([{ kind: 'frame', payload: Buffer.alloc(0) }]);
    expect(decodeMessage(Buffer.alloc(0), toAgentSchema)).toMatchObject({
      ok: false,
      problem: 'an empty message',
    });
  });
});

describe('messages', () => {
  const decode = (value: unknown) =>
    decodeMessage(Buffer.from(JSON.stringify(value)), toAgentSchema);

  it('accepts the window requests and refuses anything else with a reason', () => {
    expect(decode({ type: 'hello', protocol: 1, intervalMs: 1000, paused: false }).ok).toBe(true);
    expect(
      decode({ type: 'kill', id: 3, pid: 1234, startTime: 1.7e12, signal: 'SIGTERM' }).ok,
    ).toBe(true);
    expect(decodeMessage(Buffer.from('{"type":'), toAgentSchema)).toMatchObject({
      ok: false,
      problem: 'a message that is not JSON',
    });
    expect(decode({ type: 'format-disk', id: 4 })).toMatchObject({ ok: false, id: 4 });
    // A bad field keeps its id, so the error reply can name the request.
    const badPid = decode({ type: 'kill', id: 7, pid: -5, startTime: 0, signal: 'SIGTERM' });
    expect(badPid).toMatchObject({ ok: false, id: 7 });
    expect(!badPid.ok && badPid.problem).toMatch(/pid/);
    expect(decode({ type: 'kill', id: 8, pid: 5, startTime: 0, signal: 'SIGSTOP' }).ok).toBe(false);
    expect(decode({ type: 'refresh', id: 9, extra: true }).ok).toBe(false);
    expect(decode({ type: 'setInterval', id: 10, intervalMs: 3 }).ok).toBe(false);
    expect(
      decode({
        type: 'close',
        id: 11,
        target: {
          family: 4,
          localAddress: '127.0.0.1; rm -rf /',
          localPort: 1,
          remoteAddress: '127.0.0.1',
          remotePort: 2,
        },
      }).ok,
    ).toBe(false);
  });

  it('keeps requests small: the agent reads at most 64 KiB per message', () => {
    expect(MAX_TO_AGENT_BYTES).toBe(65536);
  });

  it('takes rows from the agent only with the enriched fields empty', () => {
    const row = makeConnection({ pid: 42, processName: 'sshd' });
    const status = {
      at: 1,
      durationMs: 2,
      intervalMs: 1000,
      paused: false,
      malformedLines: 0,
      privileged: true,
      warnings: [],
    };
    const snapshot = (rows: unknown[], part = 0) =>
      decodeMessage(
        Buffer.from(JSON.stringify({ type: 'snapshot', rows, status, part, more: false })),
        fromAgentSchema,
      );
    expect(snapshot([agentRow(row)]).ok).toBe(true);
    expect(snapshot([{ ...agentRow(row), remoteCountry: 'NL' }]).ok).toBe(false);
    expect(snapshot([{ ...agentRow(row), pid: 'root' }]).ok).toBe(false);
    const { firstSeen: _firstSeen, ...missing } = agentRow(row);
    expect(snapshot([missing]).ok).toBe(false);
  });
});

describe('switching the source of polls', () => {
  it('turns a new side’s whole table into a delta on the rows shown, keeping firstSeen', () => {
    const shown = new Map<string, Connection>();
    const kept = makeConnection({ id: 'kept', pid: null, firstSeen: 100 });
    const gone = makeConnection({ id: 'gone', firstSeen: 100 });
    shown.set(kept.id, kept);
    shown.set(gone.id, gone);
    const table = { get: (id: string) => shown.get(id), rows: () => shown.values(), size: 2 };
    const fresh = makeConnection({ id: 'fresh', firstSeen: 900 });
    const delta = rebaseOnTable(table, [
      { ...kept, pid: 4242, processName: 'postgres', firstSeen: 900 },
      fresh,
    ]);
    expect(delta.added).toEqual([fresh]);
    expect(delta.updated).toEqual([
      { ...kept, pid: 4242, processName: 'postgres', firstSeen: 100 },
    ]);
    expect(delta.removed).toEqual(['gone']);
  });
});
