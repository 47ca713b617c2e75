// Reads procfs files into one reused buffer. procfs reports size 0, so fs.readFileSync reads in
// 64 KiB steps and concatenates; /proc/net/tcp at 10,000 sockets is ~1.5 MB and each read() makes
// the kernel resume its hash-table walk, so few large reads into a kept buffer halve the cost.
import fs from 'node:fs';

export class ProcFileReader {
  private buffer: Buffer;

  constructor(initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** The whole file as latin1 text (procfs tables are ASCII). Throws the fs error as is. */
  read(path: string): string {
    const fd = fs.openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const count = fs.readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (count === 0) break;
        length += count;
      }
      return this.buffer.toString('latin1', 0, length);
    } finally {
      fs.closeSync(fd);
    }
  }
}
