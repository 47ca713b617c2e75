// `npm run dist`: builds (ensure-built.mjs), then packs for this OS with electron-builder into
// release/. On Linux the rpm needs rpmbuild (Debian and Ubuntu: apt install rpm; Fedora: dnf
// install rpm-build); where it is missing the rpm is left out, with a note, and the AppImage and
// deb are still made. Arguments after `--` go to electron-builder.
//
// Plain JavaScript on purpose: it runs under bare Node before anything is compiled.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';
import { hasCommand, linuxTargets } from './package-targets.mjs';

ensureBuilt({ log: (message) => console.error(message) });
const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const args = process.argv.slice(2);
if (process.platform === 'linux') {
  const rpmbuild = hasCommand('rpmbuild');
  if (!rpmbuild) {
    console.error(
      'Skipping the rpm: building it needs rpmbuild (Debian/Ubuntu: apt install rpm; ' +
        'Fedora: dnf install rpm-build).',
    );
  }
  args.unshift('--linux', ...linuxTargets(rpmbuild));
}
const result = spawnSync(process.execPath, [builder, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
