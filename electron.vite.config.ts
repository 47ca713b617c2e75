// One build for the three parts of an Electron app, into out/:
//   out/main      main process, the poll and whois-reply workers and the headless CLI (Node, ESM)
//   out/preload   the preload, one self-contained CommonJS file (sandboxed preloads cannot
//                 require node_modules, so its dependencies are bundled in)
//   out/renderer  the React app
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `npm run dev` only: the meta CSP in renderer/index.html forbids the inline React-refresh
 * preamble and the hot-reload WebSocket. In dev, main sends a CSP header that allows exactly
 * those for the loopback dev server (electron/content-security-policy.ts), so the meta tag is
 * left out of the served page. Built pages keep it.
 */
function devServerCspFromHeaderOnly(): Plugin {
  return {
    name: 'portscope-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded from node_modules at run time: Node resolves and compiles an
      // ESM package file by file, and zod alone is dozens of modules, which a cold CLI `list`
      // paid for on every run. The IP database packages stay external (data files, read lazily).
      externalizeDeps: { exclude: ['zod', 'ipaddr.js', 'csv-stringify', 'mmdb-lib'] },
      rollupOptions: {
        input: {
          index: 'electron/main.ts',
          cli: 'electron/cli.ts',
          'poll-worker': 'electron/core/poll-worker.ts',
          'whois-parse-worker': 'electron/core/lookup/whois-parse-worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: 'electron/preload.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: 'renderer/index.html' },
    },
    plugins: [react(), devServerCspFromHeaderOnly()],
  },
});
