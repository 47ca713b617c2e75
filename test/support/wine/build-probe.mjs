// Builds windows-probe.ts (the Windows backend's modules, for Windows Node under Wine) into the
// Wine cache folder, where `koffi` still resolves from the repository's node_modules. Plain
// JavaScript so that the bench (bench/windows-wine-bench.mjs) uses it too.
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'vite';
import { repoRoot } from '../../../scripts/wine-env.mjs';

const probeSource = fileURLToPath(new URL('./windows-probe.ts', import.meta.url));

/** Build the probe under `cacheDir`; returns the built file. */
export async function buildProbe(cacheDir) {
  const outDir = path.join(cacheDir, 'probe');
  await build({
    root: repoRoot,
    logLevel: 'warn',
    configFile: false,
    build: {
      ssr: probeSource,
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        external: [/^node:/, 'koffi'],
        output: { format: 'es', entryFileNames: 'windows-probe.js' },
      },
    },
  });
  return path.join(outDir, 'windows-probe.js');
}
