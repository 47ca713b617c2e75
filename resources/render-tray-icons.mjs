// Renders the tray icons electron/tray.ts uses into resources/tray/: tray.png (16 px) and
// tray@2x.png (32 px) from the app icon (icon.svg), tray-alert(@2x).png with an orange badge for
// open warnings or dangers, and trayTemplate(@2x).png from tray/template.svg for the macOS menu
// bar (Electron treats a name ending in "Template" as a template image). Uses the system Chromium
// through playwright-core, as render-icon.mjs does. Run: node resources/render-tray-icons.mjs
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

const userDataDir = await mkdtemp(join(tmpdir(), 'portscope-tray-icon-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await context.newPage();
  await mkdir(join(here, 'tray'), { recursive: true });
  const outputs = [
    [icon, 16, 'tray.png'],
    [icon, 32, 'tray@2x.png'],
    [alert, 16, 'tray-alert.png'],
    [alert, 32, 'tray-alert@2x.png'],
    [template, 16, 'trayTemplate.png'],
    [template, 32, 'trayTemplate@2x.png'],
  ];
  for (const [svg, size, name] of outputs) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    const path = join(here, 'tray', name);
    await page.locator('svg').screenshot({ path, omitBackground: true });
    console.log(`wrote ${path}`);
  }
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
