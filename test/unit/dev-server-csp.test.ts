// `npm run dev`: the page served by Vite must not carry the meta CSP (it would block the React
// refresh preamble; main's CSP header covers dev), while the page we build keeps it.
import { readFileSync } from 'node:fs';
import { createServer, type PluginOption } from 'vite';
import { expect, it } from 'vitest';
import config from '../../electron.vite.config';

const META_CSP = 'http-equiv="Content-Security-Policy"';

it('serves the dev page without the meta CSP, with the refresh preamble', async () => {
  const renderer = (config as unknown as { renderer: { plugins: PluginOption[] } }).renderer;
  const server = await createServer({
    configFile: false,
    root: 'renderer',
    plugins: renderer.plugins,
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  try {
    await server.listen();
    const html = await (await fetch(server.resolvedUrls!.local[0]!)).text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('@react-refresh');
    expect(html).not.toContain(META_CSP);
  } finally {
    await server.close();
  }
  expect(readFileSync('renderer/index.html', 'utf8')).toContain(META_CSP);
});
