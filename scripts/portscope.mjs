#!/usr/bin/env node
// The `portscope` command of a checkout: `npm run cli -- …`, and package.json's `bin` (so
// `npm link` puts `portscope` on the PATH). Builds out/ first when it is missing or older than the
// sources (ensure-built.mjs), then runs the headless CLI, out/main/cli.js.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './ensure-built.mjs';

try {
  ensureBuilt({ log: (message) => process.stderr.write(`portscope: ${message}\n`) });
} catch (error) {
  process.stderr.write(`portscope: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import(pathToFileURL(path.join(root, 'out', 'main', 'cli.js')).href);
