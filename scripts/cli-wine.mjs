// `npm run cli:wine -- list --format json`: the built CLI (out/main/cli.js) run by Windows Node
// under Wine, so the Windows backend reads Wine's Windows. The first run prepares Windows Node,
// koffi's Windows binary and a Windows 10 prefix in .cache/wine (scripts/wine-env.mjs).
// Windows Node cannot write into a pipe under Wine, so its stdout and stderr go to files that
// are relayed here as they grow: this command's stdout is the CLI's stdout.
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { prepareWine, repoRoot, runWindowsNode, toWindowsPath } from './wine-env.mjs';

const cli = path.join(repoRoot, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'portscope cli:wine: out/main/cli.js is missing: run `npm run build` first.\n',
  );
  process.exit(1);
}

let wine;
try {
  wine = await prepareWine({ log: (line) => process.stderr.write(`${line}\n`) });
} catch (error) {
  process.stderr.write(`portscope cli:wine: ${error.message}\n`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'portscope-cli-wine-'));
const files = {
  stdout: path.join(scratch, 'stdout'),
  stderr: path.join(scratch, 'stderr'),
};
const outFd = openSync(files.stdout, 'w');
const errFd = openSync(files.stderr, 'w');
const child = runWindowsNode(wine, [toWindowsPath(cli), ...process.argv.slice(2)], {
  stdoutFd: outFd,
  stderrFd: errFd,
  cwd: process.cwd(),
});
closeSync(outFd);
closeSync(errFd);

/** Copy what the file gained since `offset` to `stream`; returns the new offset. */
function relay(file, offset, stream) {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) return offset;
      stream.write(chunk.subarray(0, read));
      offset += read;
    }
  } finally {
    closeSync(fd);
  }
}

let outAt = 0;
let errAt = 0;
const timer = setInterval(() => {
  outAt = relay(files.stdout, outAt, process.stdout);
  errAt = relay(files.stderr, errAt, process.stderr);
}, 100);
// Ctrl+C ends the Windows program too (`watch` runs until then).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`portscope cli:wine: could not start Wine: ${error.message}\n`);
  process.exitCode = 1;
});
child.on('exit', (code, signal) => {
  clearInterval(timer);
  relay(files.stdout, outAt, process.stdout);
  relay(files.stderr, errAt, process.stderr);
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});
