// The grow-and-retry loop of the Win32 table calls: call with the buffer we have; on
// ERROR_INSUFFICIENT_BUFFER (122) the call has written the size it needs into *pdwSize, so grow
// and call again. The table can grow between the two calls (a busy server accepts connections all
// the time), hence headroom and a few attempts. The buffer is kept for the next poll, so a steady
// table costs one call per poll and no allocation.
// https://learn.microsoft.com/en-us/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedtcptable
import { PlatformError } from '../errors';
import { ERROR_INSUFFICIENT_BUFFER, ERROR_SUCCESS, translateWin32Error } from './win32-errors';

/** One call: fill `buffer`, `size[0]` holds its length in and the needed length out. */
export type TableCall = (buffer: Buffer, size: [number]) => number;

export const MAX_ATTEMPTS = 5;

export class GrowingBuffer {
  private buffer: Buffer;

  constructor(
    initialBytes = 16 * 1024,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {
    this.buffer = Buffer.alloc(initialBytes);
  }

  get byteLength(): number {
    return this.buffer.length;
  }

  /**
   * Run `call` until it fits. Returns the buffer holding the table (valid until the next fill).
   * Throws the translated Win32 error for any other failure, and a PlatformError when the table
   * keeps outgrowing the buffer.
   */
  fill(call: TableCall, what: string): Buffer {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const size: [number] = [this.buffer.length];
      const code = call(this.buffer, size);
      if (code === ERROR_SUCCESS) return this.buffer;
      if (code !== ERROR_INSUFFICIENT_BUFFER) throw translateWin32Error(code, what);
      const needed = Math.max(size[0], this.buffer.length + 1);
      // A quarter more than asked for: connections opened between this call and the next fit.
      const next = Math.min(this.maxBytes, Math.ceil((needed * 1.25 + 4096) / 4096) * 4096);
      if (next <= this.buffer.length) break;
      this.buffer = Buffer.alloc(next);
    }
    throw new PlatformError(
      'OS_ERROR',
      `Could not read ${what}: it kept growing faster than Portscope could size its buffer ` +
        `(${this.buffer.length} bytes after ${MAX_ATTEMPTS} attempts).`,
    );
  }
}
