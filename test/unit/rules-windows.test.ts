// The Windows rules (shared/rules/windows-rules.ts) judged by the engine as on Windows, on rows
// as the Windows backend fills them: each rule's sign and its harmless look-alikes.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import {
  createJudge,
  defaultRulesSettings,
  describeRules,
  EMPTY_BLOCKLIST,
  type RuleFacts,
} from '../../shared/rules';
import { VERSION_UNREADABLE_NOTE } from '../../shared/rules/windows-rules';
import { makeConnection } from '../support/connection-fixture';

const facts: RuleFacts = {
  privileged: true,
  blocklist: EMPTY_BLOCKLIST,
  worldWritableDirOf: () => null,
  executableHash: () => null,
};

function row(overrides: Partial<Connection> = {}): Connection {
  return makeConnection({
    processName: 'app.exe',
    processPath: 'C:\\Program Files\\App\\app.exe',
    company: 'App Ltd',
    productName: 'App',
    fileDescription: 'App',
    fileVersion: '1.0.0.0',
    ...overrides,
  });
}

const judge = createJudge({ settings: defaultRulesSettings, facts, platform: 'win32' });
const rulesOf = (r: Connection) => judge(r)?.reasons.map((reason) => reason.rule) ?? [];

describe('Windows rules', () => {
  it('leave an installed, versioned program alone', () => {
    expect(judge(row())).toBeNull();
  });

  it('flag programs running from %TEMP%, Downloads, C:\\Users\\Public and C:\\Windows\\Temp', () => {
    for (const path of [
      'C:\\Users\\bob\\AppData\\Local\\Temp\\x7f\\payload.exe',
      'C:\\Users\\bob\\Downloads\\invoice.pdf.exe',
      'C:\\Users\\Public\\svc.exe',
      'c:\\windows\\temp\\a.exe',
      '\\\\?\\C:\\Users\\bob\\AppData\\Local\\Temp\\b.exe',
    ]) {
      expect(rulesOf(row({ processPath: path }))).toContain('windows-temporary-location');
    }
    expect(judge(row({ processPath: 'C:\\Users\\bob\\Downloads\\x.exe' }))?.severity).toBe(
      'warning',
    );
  });

  it('notice %APPDATA% and ProgramData, but not per-user installs or Defender', () => {
    expect(
      rulesOf(row({ processPath: 'C:\\Users\\bob\\AppData\\Roaming\\Updater\\up.exe' })),
    ).toEqual(['windows-data-folder-location']);
    expect(rulesOf(row({ processPath: 'C:\\ProgramData\\x\\x.exe' }))).toEqual([
      'windows-data-folder-location',
    ]);
    expect(
      judge(row({ processPath: 'C:\\Users\\bob\\AppData\\Local\\Programs\\Code\\Code.exe' })),
    ).toBeNull();
    expect(
      judge(
        row({
          processPath:
            'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.1\\MsMpEng.exe',
        }),
      ),
    ).toBeNull();
  });

  it('flag system process names outside System32, and look-alike names anywhere', () => {
    expect(
      judge(row({ processName: 'svchost.exe', processPath: 'C:\\Windows\\System32\\svchost.exe' })),
    ).toBeNull();
    expect(
      judge(row({ processName: 'svchost.exe', processPath: 'C:\\Windows\\SysWOW64\\svchost.exe' })),
    ).toBeNull();
    expect(
      judge(row({ processName: 'explorer.exe', processPath: 'C:\\Windows\\explorer.exe' })),
    ).toBeNull();
    const fake = judge(
      row({
        processName: 'svchost.exe',
        processPath: 'C:\\Users\\bob\\AppData\\Roaming\\svchost.exe',
      }),
    );
    expect(fake?.severity).toBe('danger');
    expect(fake?.reasons.map((r) => r.rule)).toEqual([
      'windows-data-folder-location',
      'windows-system-name-unusual-path',
    ]);
    expect(
      rulesOf(
        row({ processName: 'lsass.exe', processPath: 'C:\\Windows\\System32\\drivers\\lsass.exe' }),
      ),
    ).toEqual(['windows-system-name-unusual-path']);
    expect(
      rulesOf(
        row({ processName: 'scvhost.exe', processPath: 'C:\\Windows\\System32\\scvhost.exe' }),
      ),
    ).toEqual(['windows-system-name-unusual-path']);
  });

  it("apply CurrPorts' no-version-information only when the resource is known to be missing", () => {
    const bare = { company: null, productName: null, fileDescription: null, fileVersion: null };
    const flagged = judge(
      row({ ...bare, processPath: 'C:\\Program Files\\MySQL\\bin\\mysqld.exe' }),
    );
    expect(flagged).toEqual({
      severity: 'notice',
      reasons: [
        {
          rule: 'no-version-information',
          message:
            "app.exe's executable C:\\Program Files\\MySQL\\bin\\mysqld.exe has no version information",
        },
      ],
    });
    expect(
      judge(row({ ...bare, processNote: `${VERSION_UNREADABLE_NOTE} (error 5 (access denied)).` })),
    ).toBeNull();
    expect(judge(row({ ...bare, processPath: null }))).toBeNull();
    expect(judge(row({ ...bare, fileVersion: '1.0' }))).toBeNull();
    const info = describeRules(defaultRulesSettings, 'win32').find(
      (r) => r.id === 'no-version-information',
    );
    expect(info?.explanation).toMatch(/database servers/);
  });

  it('apply on Windows only', () => {
    const linux = createJudge({ settings: defaultRulesSettings, facts, platform: 'linux' });
    expect(
      linux(
        row({
          processPath: 'C:\\Users\\bob\\Downloads\\x.exe',
          company: null,
          productName: null,
          fileDescription: null,
          fileVersion: null,
        }),
      ),
    ).toBeNull();
    const info = describeRules(defaultRulesSettings, 'linux').filter((r) =>
      r.id.startsWith('windows-'),
    );
    expect(info.length).toBe(3);
    expect(info.every((r) => !r.appliesHere)).toBe(true);
  });
});
