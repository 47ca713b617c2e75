// The macOS rules (shared/rules/darwin-rules.ts) on rows shaped as the darwin backend produces
// them: paths as lsof names them (/private/var, app bundles), names as macOS keeps them.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import {
  createJudge,
  defaultRulesSettings,
  describeRules,
  EMPTY_BLOCKLIST,
  type RuleFacts,
} from '../../shared/rules';
import { makeConnection } from '../support/connection-fixture';

const facts: RuleFacts = {
  privileged: false,
  blocklist: EMPTY_BLOCKLIST,
  worldWritableDirOf: (path) => (path.startsWith('/private/tmp/') ? '/private/tmp' : null),
  executableHash: () => null,
};

function macRow(processName: string, processPath: string): Connection {
  return makeConnection({
    localAddress: '192.168.1.20',
    localPort: 52100,
    remoteAddress: '142.250.74.110',
    remotePort: 443,
    inode: null,
    processName,
    processPath,
    user: 'ann',
  });
}

function reasons(row: Connection, platform: 'darwin' | 'linux' = 'darwin') {
  const judge = createJudge({ settings: defaultRulesSettings, facts, platform });
  return judge(row)?.reasons ?? [];
}

const rulesOf = (row: Connection, platform?: 'darwin' | 'linux') =>
  reasons(row, platform).map((reason) => reason.rule);

describe('macOS rules', () => {
  it('flags the per-user temporary and cache folders, and says when an app is translocated', () => {
    const temp = macRow(
      'updater',
      '/private/var/folders/x7/k2v9q0js1bx8l3d_n5p3m4r80000gn/T/updater',
    );
    expect(reasons(temp)).toEqual([
      {
        rule: 'macos-user-temporary-location',
        message:
          'updater runs from the per-user temporary folder /private/var/folders/x7/k2v9q0js1bx8l3d_n5p3m4r80000gn/T/',
      },
    ]);
    expect(rulesOf(macRow('x', '/var/folders/x7/abc/C/com.example/x'))).toEqual([
      'macos-user-temporary-location',
    ]);
    const translocated = macRow(
      'Zoom',
      '/private/var/folders/x7/abc/T/AppTranslocation/8A1C2F9E-0B1D-4E5F/d/Zoom.app/Contents/MacOS/Zoom',
    );
    expect(reasons(translocated)[0]?.message).toMatch(
      /runs translocated .*opened where it was downloaded/,
    );
  });

  it('flags a program run from a Downloads folder', () => {
    expect(reasons(macRow('miner', '/Users/ann/Downloads/miner'))).toEqual([
      {
        rule: 'macos-downloads-folder',
        message: 'miner runs from /Users/ann/Downloads/, a Downloads folder',
      },
    ]);
  });

  it("flags Apple daemon names outside Apple's directories, not the real daemons", () => {
    expect(rulesOf(macRow('launchd', '/sbin/launchd'))).toEqual([]);
    expect(rulesOf(macRow('mDNSResponder', '/usr/sbin/mDNSResponder'))).toEqual([]);
    expect(
      rulesOf(
        macRow(
          'WindowServer',
          '/System/Library/PrivateFrameworks/SkyLight.framework/Versions/A/Resources/WindowServer',
        ),
      ),
    ).toEqual([]);
    expect(reasons(macRow('mDNSResponder', '/Users/ann/Library/mDNSResponder'))).toEqual([
      {
        rule: 'macos-daemon-name-unusual-path',
        message:
          'mDNSResponder is the name of an Apple daemon, but this process runs /Users/ann/Library/mDNSResponder',
      },
    ]);
    // The right directory but another file: still a disguise.
    expect(rulesOf(macRow('configd', '/usr/local/bin/configd'))).toEqual([
      'macos-daemon-name-unusual-path',
    ]);
    expect(rulesOf(macRow('kernel_task', '/usr/libexec/kernel_helper'))).toEqual([
      'macos-daemon-name-unusual-path',
    ]);
  });

  it('leaves installed software alone, and /private/tmp to the world-writable rule', () => {
    expect(rulesOf(macRow('Safari', '/Applications/Safari.app/Contents/MacOS/Safari'))).toEqual([]);
    expect(rulesOf(macRow('node', '/opt/homebrew/Cellar/node/22.3.0/bin/node'))).toEqual([]);
    expect(rulesOf(macRow('x', '/private/tmp/x'))).toEqual(['temporary-location']);
    expect(rulesOf(macRow('x', '/Users/ann/.hidden/x'))).toEqual(['hidden-location']);
  });

  it('applies on macOS only, and is described for the settings page', () => {
    expect(rulesOf(macRow('miner', '/Users/ann/Downloads/miner'), 'linux')).toEqual([]);
    const described = describeRules(defaultRulesSettings, 'darwin');
    const ids = described.filter((rule) => rule.appliesHere).map((rule) => rule.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'macos-user-temporary-location',
        'macos-downloads-folder',
        'macos-daemon-name-unusual-path',
        'temporary-location',
        'hidden-location',
      ]),
    );
    expect(ids).not.toContain('daemon-name-unusual-path');
    expect(
      describeRules(defaultRulesSettings, 'linux').find(
        (rule) => rule.id === 'macos-downloads-folder',
      )?.appliesHere,
    ).toBe(false);
  });
});
