// electron-builder.yml, packed for real: electron-builder's Linux "dir" target (the folder every
// Linux package is made from) runs offline around a stand-in Electron distribution, whose
// binary is a small script carrying the fuse wire of a real one (@electron/fuses finds it by its
// sentinel), so what is checked is what electron-builder itself puts in the package: the app
// files and the production modules in app.asar (without the country database copies the app
// never reads), the `portscope` launcher, and the fuses. The deb and rpm scripts are rendered as
// electron-builder renders them and checked by bash. What only a real package shows (the
// AppImage runtime, installing the deb) is not run here: those need downloads.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, repoRoot } from '../support/build-output';

// https://github.com/electron/fuses (src/constants.ts): the sentinel, then version 1 and the
// wire's length, then one byte per fuse, '0' off and '1' on, in FuseV1Options order.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES_BEFORE = '101101010';

let work = '';
let unpacked = '';
let asarFiles: string[] = [];

beforeAll(() => {
  builtFile('out/main/index.js');
  work = mkdtempSync(path.join(tmpdir(), 'portscope-packaging-'));
  const dist = path.join(work, 'electron-dist');
  mkdirSync(dist);
  writeFileSync(
    path.join(dist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n# '),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, FUSES_BEFORE.length]),
      Buffer.from(FUSES_BEFORE),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  );
  writeFileSync(path.join(dist, 'chrome-sandbox'), '');
  const { version } = JSON.parse(
    readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8'),
  ) as { version: string };
  const output = path.join(work, 'release');
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${version}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  unpacked = path.join(output, 'linux-unpacked');
  // electron-builder's own reader of the archive it wrote.
  const asar = createRequire(import.meta.url)('@electron/asar') as {
    listPackage(file: string): string[];
  };
  asarFiles = asar.listPackage(path.join(unpacked, 'resources', 'app.asar'));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed app', () => {
  it('holds the built app and the databases it reads, and not the copies it never opens', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/cli.js',
      '/out/main/poll-worker.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/geo/asn.bin',
      '/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
    ]) {
      expect(asarFiles, file).toContain(file);
    }
    const mmdb = asarFiles.filter((file) => file.endsWith('.mmdb'));
    expect(mmdb).toEqual([
      '/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
    ]);
    expect(asarFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
    // Sources, tests and the benchmark's build stay out.
    expect(asarFiles.some((file) => /^\/(electron|renderer|test|shared)\//.test(file))).toBe(false);
    expect(asarFiles.some((file) => file.startsWith('/out/bench'))).toBe(false);
  });

  it('installs the portscope launcher, executable', () => {
    const launcher = path.join(unpacked, 'resources', 'bin', 'portscope');
    expect(readFileSync(launcher, 'utf8')).toBe(
      readFileSync(path.join(repoRoot, 'resources/linux/portscope-launcher.sh'), 'utf8'),
    );
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
  });

  it('sets the fuses electron-builder.yml asks for in the binary', () => {
    const binary = readFileSync(path.join(unpacked, 'portscope'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + FUSES_BEFORE.length).toString();
    // RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // (LoadBrowserProcessSpecificV8Snapshot: not set), GrantFileProtocolExtraPrivileges, (9th).
    expect(wire).toBe('010011000');
  });
});

describe('the deb and rpm scripts', () => {
  for (const name of ['after-install.tpl', 'after-remove.tpl']) {
    it(`${name} renders as electron-builder renders it, and bash can read it`, () => {
      const template = readFileSync(path.join(repoRoot, 'resources/linux', name), 'utf8');
      // FpmTarget's writeConfigFile: ${name} macros, every one of which must be known.
      const macros = { executable: 'portscope', sanitizedProductName: 'Portscope' };
      const rendered = template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, macro: string) => {
        if (!(macro in macros)) throw new Error(`Macro ${macro} is not defined`);
        return macros[macro as keyof typeof macros];
      });
      expect(rendered).toContain("'/opt/Portscope");
      expect(rendered).toContain('/resources/bin/portscope');
      const script = path.join(work, name.replace('.tpl', '.sh'));
      writeFileSync(script, rendered);
      const check = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    });
  }
});
