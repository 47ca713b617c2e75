// Builds the benchmark to out/bench (Node, ESM), apart from the app bundle: `npm run bench`.
// bench/renderer-bench.ts (the renderer owner's part) is built alongside when it exists.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input: Record<string, string> = {
  bench: path.join(root, 'bench/bench.ts'),
  'agent-bench': path.join(root, 'bench/agent-bench.ts'),
};
const rendererBench = path.join(root, 'bench/renderer-bench.ts');
if (existsSync(rendererBench)) input['renderer-bench'] = rendererBench;
input['lsof-bench'] = path.join(root, 'bench/lsof-bench.ts');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: path.join(root, 'out/bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input,
      // Dependencies load from node_modules, as in the app's main build.
      external: [...builtinModules, /^node:/, /^[a-z@][^:]*$/],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    },
  },
});
