// Renders resources/icon.svg to the PNG icons electron-builder and the window use:
// icon.png (512x512) and icons/256x256.png, 512x512.png (the Linux icon set). Uses the system
// Chromium through playwright-core, so no image library is needed. Run: node resources/render-icon.mjs
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = await readFile(join(here, 'icon.svg'), 'utf8');
const userDataDir = await mkdtemp(join(tmpdir(), 'portscope-icon-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await context.newPage();
  await mkdir(join(here, 'icons'), { recursive: true });
  const outputs = [
    [512, join(here, 'icon.png')],
    [512, join(here, 'icons', '512x512.png')],
    [256, join(here, 'icons', '256x256.png')],
  ];
  for (const [size, path] of outputs) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.locator('svg').screenshot({ path, omitBackground: true });
    console.log(`wrote ${path}`);
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
