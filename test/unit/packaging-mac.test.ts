// electron-builder.yml as electron-builder 26 reads it (its own loader and schema), for the macOS
// packages that cannot be built here: a dmg per architecture, the ad-hoc signature renewed after
// the fuses are flipped, and hardened-runtime entitlements limited to what V8 needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/build-output';

const require = createRequire(import.meta.url);
// electron-builder's own configuration code (its dependency app-builder-lib).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

describe('macOS packaging (electron-builder.yml)', () => {
  let config: Record<string, unknown>;

  // electron-builder's schema check costs seconds of CPU: once for the file.
  beforeAll(async () => {
    config = await getConfig(repoRoot, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('passes electron-builder 26 schema and builds a dmg for x64 and arm64', () => {
    expect(config.mac).toMatchObject({
      target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
      hardenedRuntime: true,
      entitlements: 'resources/entitlements.mac.plist',
    });
    expect(config.dmg).toMatchObject({ artifactName: '${productName}-${version}-${arch}.${ext}' });
  });

  it('renews the ad-hoc signature after flipping the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      resetAdHocDarwinSignature: true,
    });
  });

  it('asks for no entitlement but JIT', () => {
    const plist = readFileSync(`${repoRoot}resources/entitlements.mac.plist`, 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
