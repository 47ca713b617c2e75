// Renders the app's icons from their SVGs, with the system Chromium through playwright-core (so no
// image library is needed): from resources/icon.svg, icon.png (512x512) and icons/256x256.png,
// 512x512.png (the Linux icon set) for electron-builder and the window; and the tray icons in
// tray/ (electron/tray.ts): the icon and the icon with an alert badge at 16 px and @2x, and the
// macOS menu-bar template (tray/template.svg, black on transparent, which macOS tints).
// Run: node resources/render-icons.mjs
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const icon = await readFile(join(here, 'icon.svg'), 'utf8');
const template = await readFile(join(here, 'tray', 'template.svg'), 'utf8');
// The badge: an orange disc with a light rim, bottom right, big enough to read at 16 px.
const badge =
  '<circle cx="392" cy="392" r="112" fill="#ff6a2b" stroke="#ffffff" stroke-width="28"/>';
const alert = icon.replace('</svg>', `${badge}</svg>`);

/** [svg, size in pixels, output path] */
const outputs = [
  [icon, 512, join(here, 'icon.png')],
  [icon, 512, join(here, 'icons', '512x512.png')],
  [icon, 256, join(here, 'icons', '256x256.png')],
  [icon, 16, join(here, 'tray', 'tray.png')],
  [icon, 32, join(here, 'tray', 'tray@2x.png')],
  [alert, 16, join(here, 'tray', 'tray-alert.png')],
  [alert, 32, join(here, 'tray', 'tray-alert@2x.png')],
  [template, 16, join(here, 'tray', 'trayTemplate.png')],
  [template, 32, join(here, 'tray', 'trayTemplate@2x.png')],
];

const userDataDir = await mkdtemp(join(tmpdir(), 'portscope-icons-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await context.newPage();
  await mkdir(join(here, 'icons'), { recursive: true });
  for (const [svg, size, path] of outputs) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
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
