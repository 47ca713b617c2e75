// The Chromium every browser test uses, driven by playwright-core (no browser download):
//
//   1. PORTSCOPE_CHROMIUM=/path/to/chrome   that executable;
//   2. PORTSCOPE_CHROMIUM=package           the npm package's Chromium, even when one is installed;
//   3. otherwise a Chromium or Chrome installed on the machine (/usr/bin/chromium, or chromium,
//      chromium-browser, google-chrome-stable, google-chrome on PATH);
//   4. otherwise the Chromium that comes from the npm registry as a dev dependency,
//      @sparticuz/chromium (Chromium's headless shell for Linux x64 inside the package, with the
//      NSS and font files it needs, so a machine with nothing but Node runs the tests).
//
// The package's Chromium is unpacked once per checkout into node_modules/.cache (its brotli files
// with Node's zlib, its tar files with tar), and started with its own libraries and fonts.
// Each launch gets a fresh profile in a temp dir (removed on close) and flags that keep it off
// the network.
import { spawn } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export interface ResolvedChromium {
  executablePath: string;
  /** Environment the browser needs on top of this process's (the package's libraries, fonts). */
  env: Record<string, string>;
  args: string[];
  /** Where it came from, for messages. */
  source: 'PORTSCOPE_CHROMIUM' | 'system' | 'npm package @sparticuz/chromium';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findSystemBrowser(): string | null {
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of SYSTEM_BROWSERS) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function run(command: string, args: string[], input: NodeJS.ReadableStream): Promise<void> {
  const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await pipeline(input, child.stdin);
  const code = await exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${stderr.trim()}`);
}

/** Unpacks @sparticuz/chromium into node_modules/.cache once; returns its folder. */
async function unpackPackageChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    // The package exports only its entry (build/index.js); its root is two folders up.
    const entry = require.resolve('@sparticuz/chromium');
    packageJson = path.join(path.dirname(entry), '..', 'package.json');
  } catch {
    throw new Error(
      'No Chromium found: set PORTSCOPE_CHROMIUM to a Chromium or Chrome executable, install ' +
        'one (Debian: apt install chromium), or run npm install to get the dev dependency ' +
        '@sparticuz/chromium.',
    );
  }
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  const bin = path.join(path.dirname(packageJson), 'bin');
  const cacheRoot = path.join(repoRoot, 'node_modules', '.cache', 'portscope-chromium');
  const target = path.join(cacheRoot, version);
  if (existsSync(path.join(target, 'chromium'))) return target;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `@sparticuz/chromium ships Chromium for Linux x64 only; on ${process.platform} ` +
        `${process.arch} set PORTSCOPE_CHROMIUM to a Chromium or Chrome executable.`,
    );
  }
  await mkdir(cacheRoot, { recursive: true });
  // Test files run in parallel processes: one unpacks, the others wait (mkdir is atomic).
  const lock = `${target}.lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`Chromium unpack lock ${lock} is stuck; remove it`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (existsSync(path.join(target, 'chromium'))) return target;
    const work = await mkdtemp(path.join(cacheRoot, 'unpacking-'));
    await pipeline(
      createReadStream(path.join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(path.join(work, 'chromium')),
    );
    await chmod(path.join(work, 'chromium'), 0o755);
    // NSS and expat (lib/), fonts (fonts/, fonts.conf) and the software GL (next to chromium).
    for (const archive of ['al2023', 'fonts', 'swiftshader']) {
      await run(
        'tar',
        ['-x', '-C', work],
        createReadStream(path.join(bin, `${archive}.tar.br`)).pipe(createBrotliDecompress()),
      );
    }
    await writeFile(
      path.join(work, 'fonts.conf'),
      '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
        `  <dir>${path.join(target, 'fonts')}</dir>\n` +
        `  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    await rename(work, target);
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

let resolved: Promise<ResolvedChromium> | null = null;

async function resolve(): Promise<ResolvedChromium> {
  const chosen = process.env.PORTSCOPE_CHROMIUM ?? '';
  if (chosen !== '' && chosen !== 'package') {
    if (!isExecutable(chosen)) {
      throw new Error(`PORTSCOPE_CHROMIUM=${chosen} is not an executable file`);
    }
    return { executablePath: chosen, env: {}, args: CHROMIUM_ARGS, source: 'PORTSCOPE_CHROMIUM' };
  }
  if (chosen === '') {
    const system = findSystemBrowser();
    if (system) return { executablePath: system, env: {}, args: CHROMIUM_ARGS, source: 'system' };
  }
  const dir = await unpackPackageChromium();
  const libraries = [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean);
  return {
    executablePath: path.join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: libraries.join(':'), FONTCONFIG_PATH: dir },
    args: CHROMIUM_ARGS,
    source: 'npm package @sparticuz/chromium',
  };
}

/** The Chromium to use (see the top of this file); resolved once per process. */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= resolve();
  return resolved;
}

export interface ChromiumOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Extra command-line switches (e.g. for the benchmark). */
  args?: string[];
}

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A browser of its own with one page (the renderer benchmark's bridge, test/support/bridge.ts). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const browser = await resolveChromium();
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'portscope-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browser.executablePath,
      env: { ...process.env, ...browser.env },
      headless: true,
      args: [...browser.args, ...(options.args ?? [])],
      viewport: options.viewport ?? { width: 1400, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
