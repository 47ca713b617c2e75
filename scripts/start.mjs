// `npm start`: builds when stale (ensure-built.mjs), checks that Electron's sandbox can start on
// this machine (sandbox-check.mjs: a clear message with the fix instead of Electron's crash), then
// runs the app in the development Electron (`electron .`). Arguments after `--` go to Electron:
// `npm start -- --no-sandbox`.
//
// Plain JavaScript on purpose: it runs under bare Node before anything is compiled.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';
import { readSandboxFacts, sandboxProblem } from './sandbox-check.mjs';

const args = process.argv.slice(2);
try {
  ensureBuilt({ log: (message) => console.error(message) });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const require = createRequire(import.meta.url);
if (process.platform === 'linux') {
  const electronDir = path.join(path.dirname(require.resolve('electron/package.json')), 'dist');
  const problem = sandboxProblem(readSandboxFacts({ electronDir }), args);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

let electron;
try {
  // The electron package's main is the path of its binary, which it downloads (from GitHub) the
  // first time it is needed.
  electron = require('electron');
} catch {
  console.error(
    'The Electron binary is not installed and could not be downloaded (it comes from GitHub; ' +
      'npm install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips it): run ' +
      '`node node_modules/electron/install.js` where GitHub is reachable.',
  );
  process.exit(1);
}

const child = spawn(electron, ['.', ...args], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
