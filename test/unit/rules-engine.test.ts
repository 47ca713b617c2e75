// The pure rule engine on rows shaped like the Linux backend produces them: each default rule's
// sign, its harmless look-alikes, settings switches and known items.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import {
  createJudge,
  defaultRulesSettings,
  describeRules,
  EMPTY_BLOCKLIST,
  parseBlocklist,
  type RuleFacts,
  type RulesSettings,
} from '../../shared/rules';
import { makeConnection } from '../support/connection-fixture';

function row(overrides: Partial<Connection> = {}): Connection {
  return makeConnection({
    id: 'tcp|4|127.0.0.1:8080|',
    localPort: 8080,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    inode: 123456,
    processName: 'python3',
    processPath: '/usr/bin/python3.11',
    commandLine: 'python3 -m http.server --bind 127.0.0.1 8080',
    user: 'alice',
    processStartTime: 1_764_000_000_000,
    firstSeen: 1_764_000_000_500,
    ...overrides,
  });
}

const baseFacts: RuleFacts = {
  privileged: true,
  blocklist: EMPTY_BLOCKLIST,
  worldWritableDirOf: () => null,
  executableHash: () => null,
};

function judge(
  r: Connection,
  settings: Partial<RulesSettings> = {},
  facts: Partial<RuleFacts> = {},
) {
  return createJudge({
    settings: { ...defaultRulesSettings, ...settings },
    facts: { ...baseFacts, ...facts },
    platform: 'linux',
  })(r);
}

const rulesOf = (r: Connection, s?: Partial<RulesSettings>, f?: Partial<RuleFacts>) =>
  judge(r, s, f)?.reasons.map((reason) => reason.rule) ?? [];

describe('default rules', () => {
  it('leaves a normal loopback listener from /usr/bin alone', () => {
    expect(judge(row())).toBeNull();
  });

  it('flags a deleted executable, but not a memfd twice', () => {
    const deleted = row({ processPath: '/usr/local/bin/agent', processPathDeleted: true });
    expect(judge(deleted)).toEqual({
      severity: 'warning',
      reasons: [
        {
          rule: 'deleted-executable',
          message: "python3's executable /usr/local/bin/agent was deleted while it runs",
        },
      ],
    });
    const memfd = row({ processPath: '/memfd:payload', processPathDeleted: true });
    expect(rulesOf(memfd)).toEqual(['fileless-executable']);
    expect(judge(memfd)?.severity).toBe('danger');
  });

  it('flags temporary and world-writable locations', () => {
    expect(rulesOf(row({ processPath: '/dev/shm/x' }))).toEqual(['temporary-location']);
    expect(rulesOf(row({ processPath: '/var/tmp/.cache/x' }))).toEqual([
      'temporary-location',
      'hidden-location',
    ]);
    const shared = row({ processPath: '/srv/drop/tool' });
    expect(rulesOf(shared)).toEqual([]);
    const reasons = judge(shared, {}, { worldWritableDirOf: () => '/srv/drop' })?.reasons;
    expect(reasons).toEqual([
      {
        rule: 'temporary-location',
        message: 'python3 runs from /srv/drop/; /srv/drop can be written by anyone',
      },
    ]);
  });

  it('flags hidden directories and files, not per-user tool directories', () => {
    expect(rulesOf(row({ processPath: '/home/alice/.x/miner' }))).toEqual(['hidden-location']);
    expect(judge(row({ processPath: '/opt/.hidden' }))?.reasons[0]?.message).toBe(
      "python3's executable /opt/.hidden is a hidden file",
    );
    for (const path of [
      '/home/alice/.local/bin/pipx-app',
      '/home/alice/.cargo/bin/rg',
      '/home/alice/.nvm/versions/node/v20.19.0/bin/node',
      '/root/.vscode-server/bin/abc/node',
    ]) {
      expect(rulesOf(row({ processPath: path })), path).toEqual([]);
    }
  });

  it('flags kernel-thread names on processes with an executable, not real kernel threads', () => {
    const fake = row({ processName: 'kworker/0:1', processPath: '/opt/app/bin' });
    expect(judge(fake)).toMatchObject({ severity: 'danger' });
    expect(rulesOf(fake)).toEqual(['kernel-thread-name']);
    expect(rulesOf(row({ processName: 'kthreadd', processPath: '/usr/bin/x' }))).toEqual([
      'kernel-thread-name',
    ]);
    // A real kernel thread has no executable (readlink /proc/PID/exe fails).
    expect(rulesOf(row({ processName: 'kworker/0:1', processPath: null }))).toEqual([]);
    // argv[0] spoofing: the command line shows "[kworker/u8:2]".
    const spoofed = row({
      processName: 'bash',
      processPath: '/usr/bin/bash',
      commandLine: '[kworker/u8:2]',
    });
    expect(rulesOf(spoofed)).toEqual(['kernel-thread-name']);
  });

  it('flags system daemon names from unusual paths, not the real daemons', () => {
    expect(rulesOf(row({ processName: 'sshd', processPath: '/usr/sbin/sshd' }))).toEqual([]);
    expect(
      rulesOf(
        row({ processName: 'systemd-resolve', processPath: '/usr/lib/systemd/systemd-resolved' }),
      ),
    ).toEqual([]);
    expect(rulesOf(row({ processName: 'sshd', processPath: '/opt/sshd' }))).toEqual([
      'daemon-name-unusual-path',
    ]);
    // Right directory, wrong program: prctl(PR_SET_NAME, "sshd") on a Python script.
    expect(rulesOf(row({ processName: 'sshd', processPath: '/usr/bin/python3.11' }))).toEqual([
      'daemon-name-unusual-path',
    ]);
  });

  it('flags unowned sockets only when privileged, never TIME_WAIT or orphans', () => {
    const unowned = row({ pid: null, processName: null, processPath: null, commandLine: null });
    expect(rulesOf(unowned)).toEqual(['hidden-owner']);
    expect(rulesOf(unowned, {}, { privileged: false })).toEqual([]);
    expect(rulesOf({ ...unowned, state: 'TIME_WAIT', inode: null })).toEqual([]);
    expect(rulesOf({ ...unowned, state: 'FIN_WAIT2', inode: null })).toEqual([]);
  });

  it('flags backdoor ports on listeners and remote ends, not ephemeral local ports', () => {
    expect(rulesOf(row({ localPort: 4444 }))).toEqual(['backdoor-port']);
    const outgoing = row({
      state: 'ESTABLISHED',
      localPort: 54321,
      remoteAddress: '198.51.100.9',
      remotePort: 443,
    });
    expect(rulesOf(outgoing)).toEqual([]);
    expect(judge({ ...outgoing, remotePort: 6667 })?.reasons[0]?.message).toBe(
      'Connected to remote port 6667, a port associated with backdoors and C2',
    );
    expect(rulesOf(row({ localPort: 4444 }), { backdoorPorts: [] })).toEqual([]);
  });

  it('gives a notice for all-interface listeners outside the expected list', () => {
    const open = row({ localAddress: '0.0.0.0', localPort: 8080 });
    expect(judge(open)).toEqual({
      severity: 'notice',
      reasons: [
        {
          rule: 'all-interfaces-listener',
          message: 'Listens on all interfaces (0.0.0.0) on port 8080, reachable from the network',
        },
      ],
    });
    expect(rulesOf(row({ localAddress: '::', localPort: 22, family: 6 }))).toEqual([]);
    expect(rulesOf(open, { expectedListenerPorts: [8080] })).toEqual([]);
    const udp = row({ protocol: 'udp', state: null, localAddress: '0.0.0.0', localPort: 5353 });
    expect(rulesOf(udp)).toEqual([]);
    expect(rulesOf({ ...udp, localPort: 9999 })).toEqual(['all-interfaces-listener']);
  });

  it('flags blocklisted remote addresses and names the entry', () => {
    const blocklist = parseBlocklist('# test\n127.0.0.0/29 # loopback block\n2001:db8::7\n');
    const conn = row({
      state: 'ESTABLISHED',
      remoteAddress: '127.0.0.5',
      remotePort: 8080,
      localPort: 40000,
    });
    expect(judge(conn, {}, { blocklist })).toEqual({
      severity: 'danger',
      reasons: [
        {
          rule: 'blocklisted-remote',
          message: 'Remote address 127.0.0.5 is in your blocklist (127.0.0.0/29), line 2',
        },
      ],
    });
    expect(rulesOf({ ...conn, remoteAddress: '127.0.0.9' }, {}, { blocklist })).toEqual([]);
  });

  it('keeps the highest severity of several reasons, in rule order', () => {
    const bad = row({
      processName: 'kworker/1:0',
      processPath: '/dev/shm/k',
      processPathDeleted: true,
      localAddress: '0.0.0.0',
      localPort: 31337,
    });
    const verdict = judge(bad);
    expect(verdict?.severity).toBe('danger');
    expect(verdict?.reasons.map((r) => r.rule)).toEqual([
      'deleted-executable',
      'temporary-location',
      'kernel-thread-name',
      'backdoor-port',
      'all-interfaces-listener',
    ]);
  });

  it('lets the person switch a rule off', () => {
    const r = row({ processPath: '/tmp/x' });
    expect(rulesOf(r, { enabled: { 'temporary-location': false } })).toEqual([]);
    const info = describeRules(
      { ...defaultRulesSettings, enabled: { 'temporary-location': false } },
      'linux',
    );
    expect(info.find((rule) => rule.id === 'temporary-location')?.enabled).toBe(false);
    expect(info.find((rule) => rule.id === 'no-version-information')?.appliesHere).toBe(false);
    expect(info.every((rule) => rule.explanation.length > 40)).toBe(true);
  });
});

describe('known items', () => {
  const shm = row({ processPath: '/dev/shm/listener', localAddress: '0.0.0.0', localPort: 4444 });

  it('a process known by path silences its process and port rules', () => {
    const known = [{ kind: 'process' as const, path: '/dev/shm/listener', sha256: null }];
    expect(judge(shm, { known })).toBeNull();
  });

  it('a process known by hash is known only while the file has that hash', () => {
    const sha = 'a'.repeat(64);
    const known = [{ kind: 'process' as const, path: '/dev/shm/listener', sha256: sha }];
    expect(judge(shm, { known }, { executableHash: () => sha })).toBeNull();
    expect(judge(shm, { known }, { executableHash: () => 'b'.repeat(64) })).not.toBeNull();
    // Not hashed yet: not known yet.
    expect(judge(shm, { known })).not.toBeNull();
    // Deleted: the file on disk is not what runs, so the hash cannot vouch for it.
    const deleted = { ...shm, processPathDeleted: true };
    expect(judge(deleted, { known }, { executableHash: () => sha })).not.toBeNull();
  });

  it('a known port silences port rules only', () => {
    const known = [{ kind: 'port' as const, port: 4444 }];
    expect(rulesOf(shm, { known })).toEqual(['temporary-location']);
  });

  it('a known remote address silences the blocklist, a known process does not', () => {
    const blocklist = parseBlocklist('127.0.0.5\n');
    const conn = row({
      state: 'ESTABLISHED',
      remoteAddress: '127.0.0.5',
      remotePort: 9,
      localPort: 40000,
    });
    const byProcess = [{ kind: 'process' as const, path: conn.processPath ?? '', sha256: null }];
    expect(rulesOf(conn, { known: byProcess }, { blocklist })).toEqual(['blocklisted-remote']);
    const byAddress = [{ kind: 'remoteAddress' as const, address: '::ffff:127.0.0.5' }];
    expect(rulesOf(conn, { known: byAddress }, { blocklist })).toEqual([]);
  });
});
