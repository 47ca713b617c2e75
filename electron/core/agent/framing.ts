// Length-delimited frames for the agent's pipes. A pipe is a byte stream (a write of 8 MB arrives
// in 64 KB pieces, two small writes may arrive as one), so the reader must know where each
// message ends. A frame is
//
//   0xFF | payload length (4 bytes, big-endian, unsigned) | payload (UTF-8 JSON)
//
// The 0xFF marker never occurs in UTF-8 text (RFC 3629, section 1: "the octet values C0, C1,
// F5 to FF never appear"), so no payload we write contains it. A reader that lost its place
// (garbage, a length that lied, a frame over the limit) skips to the next 0xFF and reads on
// from there: one broken frame costs that frame, not the rest of the stream.
// https://www.rfc-editor.org/rfc/rfc3629#section-1
//
// The reader never trusts a length: a frame over the limit is skipped without being buffered
// (so a hostile length cannot make the reader allocate). Every problem is reported so the
// receiver can answer with an error.

export const FRAME_MARKER = 0xff;
/** Marker + length. */
export const FRAME_HEADER_BYTES = 5;

export type FrameEvent =
  /** One whole frame's payload. */
  | { kind: 'frame'; payload: Buffer }
  /** A frame whose declared length is over the limit: skipped up to the next marker. */
  | { kind: 'oversized'; length: number; limit: number }
  /** Bytes that were not a frame (no marker where one had to be), skipped. */
  | { kind: 'garbage'; bytes: number };

/** A frame that the stream ended inside of: what was declared and what arrived. */
export interface TruncatedFrame {
  kind: 'truncated';
  /** Bytes expected (header, or header + payload). */
  expected: number;
  received: number;
}

/** One message as a frame. */
export function encodeFrame(message: unknown): Buffer {
  const json = JSON.stringify(message);
  const length = Buffer.byteLength(json, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame[0] = FRAME_MARKER;
  frame.writeUInt32BE(length, 1);
  frame.write(json, FRAME_HEADER_BYTES, 'utf8');
  return frame;
}

/**
 * Turns the chunks a pipe delivers into frames. A payload is copied once, into a buffer of the
 * declared size, so an 8 MB snapshot arriving in 128 chunks costs one allocation, not 128
 * growing concatenations.
 */
export class FrameDecoder {
  private readonly header = Buffer.alloc(FRAME_HEADER_BYTES);
  private headerFill = 0;
  private payload: Buffer | null = null;
  private payloadFill = 0;
  /** Looking for the next marker; `skipped` bytes thrown away so far. */
  private hunting = false;
  private skipped = 0;
  /** The skip began with an oversized frame (already reported). */
  private skippingOversized = false;

  constructor(private readonly maxPayloadBytes: number) {}

  /** Feed one chunk; returns the frames (and problems) it completed, in order. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.hunting) {
        const marker = chunk.indexOf(FRAME_MARKER, offset);
        const end = marker === -1 ? chunk.length : marker;
        this.skipped += end - offset;
        offset = end;
        if (marker === -1) break;
        this.stopHunting(events);
        continue;
      }
      if (this.payload === null) {
        if (this.headerFill === 0 && chunk[offset] !== FRAME_MARKER) {
          this.hunting = true;
          continue;
        }
        const take = Math.min(FRAME_HEADER_BYTES - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < FRAME_HEADER_BYTES) break;
        this.headerFill = 0;
        const length = this.header.readUInt32BE(1);
        if (length > this.maxPayloadBytes) {
          events.push({ kind: 'oversized', length, limit: this.maxPayloadBytes });
          this.hunting = true;
          this.skippingOversized = true;
          continue;
        }
        if (length === 0) {
          events.push({ kind: 'frame', payload: Buffer.alloc(0) });
          continue;
        }
        this.payload = Buffer.allocUnsafe(length);
        this.payloadFill = 0;
      }
      const take = Math.min(this.payload.length - this.payloadFill, chunk.length - offset);
      chunk.copy(this.payload, this.payloadFill, offset, offset + take);
      this.payloadFill += take;
      offset += take;
      if (this.payloadFill === this.payload.length) {
        events.push({ kind: 'frame', payload: this.payload });
        this.payload = null;
      }
    }
    return events;
  }

  /**
   * The stream ended: reports bytes skipped since the last report, and a frame it was in the
   * middle of (null when it ended cleanly between frames).
   */
  end(): { garbage: FrameEvent | null; truncated: TruncatedFrame | null } {
    const garbage: FrameEvent[] = [];
    if (this.hunting) this.stopHunting(garbage);
    let truncated: TruncatedFrame | null = null;
    if (this.payload !== null) {
      truncated = {
        kind: 'truncated',
        expected: FRAME_HEADER_BYTES + this.payload.length,
        received: FRAME_HEADER_BYTES + this.payloadFill,
      };
    } else if (this.headerFill > 0) {
      truncated = { kind: 'truncated', expected: FRAME_HEADER_BYTES, received: this.headerFill };
    }
    this.payload = null;
    this.headerFill = 0;
    return { garbage: garbage[0] ?? null, truncated };
  }

  private stopHunting(events: FrameEvent[]): void {
    // An oversized frame was reported already; the bytes skipped after it are its payload.
    if (!this.skippingOversized && this.skipped > 0) {
      events.push({ kind: 'garbage', bytes: this.skipped });
    }
    this.hunting = false;
    this.skippingOversized = false;
    this.skipped = 0;
  }
}
