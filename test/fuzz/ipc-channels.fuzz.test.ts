// Every invoke channel through the real dispatcher (electron/ipc-dispatch.ts: sender check, zod,
// envelope) into the real backend's handlers, with generated payloads: valid ones, near-valid ones
// (one field wrong, an extra key, a prototype key), and hostile ones (anything structured clone
// carries, deep nesting, megabyte strings, prototype keys, arguments that are not an array).
// Each call must answer an envelope within the bound; nothing may be killed or closed (the
// platform records any attempt), nothing written to the data folder, Object.prototype untouched.
// Dialogs all decline, the platform is a synthetic one (one listener, one connection, of a pid
// that cannot exist), lookups go to a loopback whois server of the test's that hangs up, and
// names are never resolved.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createInvokeDispatcher, type InvokeDispatcher } from '../../electron/ipc-dispatch';
import { NotSupported } from '../../electron/platform/errors';
import type { PlatformBackend } from '../../electron/platform/types';
import { APP_INDEX_URL, rendererLocation } from '../../electron/renderer-location';
import { COLUMN_IDS } from '../../shared/columns';
import { invokeNames, type InvokeName } from '../../shared/contract';
import { NO_PROCESS_EXTRAS, POLL_INTERVALS_MS, type Connection } from '../../shared/model';
import { defaultSettings, toRendererPatch } from '../../shared/settings';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { makeRawSocket } from '../support/connection-fixture';
import { refusingDialogs } from '../support/refusing-dialogs';
import {
  describeInput,
  fuzz,
  hostileValue,
  prototypeKeyObjects,
  prototypeSnapshot,
  reportAfterAll,
  testTimeout,
} from './fuzz-support';

/** Above Linux's PID_MAX_LIMIT (2^22): no real process can have it, so no real one is touched. */
const FAKE_PID = 5_000_001;
const RUNS_PER_CHANNEL = 40;
const BOUND_MS = 3000;

const actions: string[] = [];
const refuse = (what: string) => () => {
  actions.push(what);
  return Promise.reject(new NotSupported(`fuzz platform: ${what} is never done`));
};
const platform: PlatformBackend = {
  os: 'linux',
  async readSockets() {
    return {
      sockets: [
        makeRawSocket({
          localPort: 8080,
          remoteAddress: null,
          remotePort: null,
          state: 'LISTEN',
          pid: FAKE_PID,
        }),
        makeRawSocket({
          localPort: 40000,
          remoteAddress: '203.0.113.9',
          remotePort: 443,
          pid: FAKE_PID,
        }),
      ],
      processes: new Map([
        [
          FAKE_PID,
          {
            pid: FAKE_PID,
            name: 'fuzz-target',
            path: '/usr/bin/fuzz-target',
            pathDeleted: false,
            commandLine: 'fuzz-target --serve',
            user: 'nobody',
            uid: 65534,
            parentPid: 1,
            startTime: 1_700_000_000_000,
            ...NO_PROCESS_EXTRAS,
          },
        ],
      ]),
      malformedLines: 0,
      privileged: true,
      warnings: [],
    };
  },
  async readProcessIdentity(pid) {
    return pid === FAKE_PID
      ? {
          pid,
          name: 'fuzz-target',
          parentPid: 1,
          startTime: 1_700_000_000_000,
          executable: '/usr/bin/fuzz-target',
          kernelThread: false,
        }
      : null;
  },
  killProcess: refuse('kill'),
  closeTcp: refuse('close'),
};

const location = rendererLocation({
  devServerUrl: undefined,
  isPackaged: true,
  rendererDir: path.join(process.cwd(), 'out/renderer'),
});
const trusted = { url: APP_INDEX_URL, isMainFrame: true };

let dataDir: string;
let backend: Backend;
let dispatch: InvokeDispatcher;
let rows: Connection[] = [];
const prototypeBefore = prototypeSnapshot();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

/**
 * A whois server of our own that hangs up at once: lookups end quickly, and no query can reach
 * whatever else listens on this machine's loopback ports.
 */
const hangUp = net.createServer((socket) => socket.destroy());

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
  const whoisPort = (hangUp.address() as net.AddressInfo).port;
  dataDir = await mkdtemp(path.join(tmpdir(), 'portscope-fuzz-ipc-'));
  backend = createBackend({
    platform,
    settings: createMemorySettingsStore({
      poll: { intervalMs: 10000, paused: true },
      lookup: {
        ...defaultLookupSettings,
        rdapEnabled: false,
        whoisServer: `127.0.0.1:${whoisPort}`,
        perServerIntervalMs: 0,
        connectTimeoutMs: 500,
        totalTimeoutMs: 1000,
      },
    }),
    dialogs: refusingDialogs,
    emit: () => undefined,
    dataDir,
    pollSource: 'in-process',
    resolveNames: false,
  });
  await backend.start();
  rows = backend.snapshot().connections;
  dispatch = createInvokeDispatcher(backend.handlers, location);
});

afterAll(async () => {
  await backend?.stop();
  await new Promise((resolve) => hangUp.close(resolve));
  const written = await readdir(dataDir, { recursive: true });
  await rm(dataDir, { recursive: true, force: true });
  process.off('unhandledRejection', onUnhandled);
  expect(written, 'files written to the data folder').toEqual([]);
  expect(actions, 'kills or closes attempted').toEqual([]);
  expect(prototypeSnapshot()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(unhandled.map((reason) => describeInput(reason))).toEqual([]);
});

reportAfterAll('ipc-channels');

// ── Payloads ────────────────────────────────────────────────────────────────────────────────────

const rowId = () => fc.constantFrom(...rows.map((row) => row.id));
const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('127.0.0.1', '::1', '203.0.113.9'));
const port = fc.integer({ min: 0, max: 65535 });
const text = (maxLength: number) => fc.string({ maxLength, unit: 'binary' });

const knownItem = fc.oneof(
  fc.record({ kind: fc.constant('port'), port: fc.integer({ min: 1, max: 65535 }) }),
  fc.record({ kind: fc.constant('remoteAddress'), address: fc.ipV4() }),
  fc.record({
    kind: fc.constant('process'),
    path: text(200).filter((p) => p.length > 0),
    sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }),
  }),
);

const rendererDefaults = toRendererPatch(defaultSettings);

/** One valid argument list per channel: what a well-behaved page sends. */
function valid(name: InvokeName): fc.Arbitrary<unknown[]> {
  switch (name) {
    case 'getSnapshot':
    case 'refreshNow':
    case 'getSettings':
    case 'getRulesInfo':
    case 'getElevation':
    case 'showAllProcesses': // this backend has no way to elevate: refused before anything starts
      return fc.constant([]);
    case 'setPollInterval':
      return fc.constantFrom(...POLL_INTERVALS_MS).map((ms) => [ms]);
    case 'setPaused':
      return fc.constant([true]);
    case 'updateSettings':
      return fc
        .record(
          {
            view: fc.record({
              ...Object.fromEntries(
                ['tcp', 'udp', 'ipv4', 'ipv6', 'listening'].map((k) => [k, fc.boolean()]),
              ),
              filter: text(2000),
            }),
            grid: fc.record({
              columns: fc.array(
                fc.record({ colId: fc.constantFrom(...COLUMN_IDS), hide: fc.boolean() }),
                { maxLength: 5 },
              ),
            }),
            rules: fc.constant(rendererDefaults.rules),
            lookup: fc.constant({ ...rendererDefaults.lookup!, resolveHostNames: false }),
          },
          { requiredKeys: [] },
        )
        .map((patch) => [patch]);
    case 'exportRows':
      return fc
        .record({
          scope: fc.constantFrom('all', 'filtered', 'selected'),
          ids: fc.array(
            fc.oneof(
              rowId(),
              text(512).filter((t) => t.length > 0),
            ),
            {
              maxLength: 10,
            },
          ),
          columns: fc.option(fc.uniqueArray(fc.constantFrom(...COLUMN_IDS), { minLength: 1 }), {
            nil: null,
          }),
          filter: text(2000),
        })
        .map((request) => [request]);
    case 'killProcesses':
    case 'forceKillProcesses':
      return fc
        .array(
          fc.record({
            pid: fc.oneof(fc.constant(FAKE_PID), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
          }),
          { minLength: 1, maxLength: 8 },
        )
        .map((targets) => [targets]);
    case 'closeConnections':
      return fc
        .array(
          fc.oneof(
            fc.constant({
              localAddress: '127.0.0.1',
              localPort: 40000,
              remoteAddress: '203.0.113.9',
              remotePort: 443,
            }),
            fc.record({
              localAddress: address,
              localPort: port,
              remoteAddress: address,
              remotePort: port,
            }),
          ),
          { minLength: 1, maxLength: 8 },
        )
        .map((targets) => [targets]);
    case 'showRowMenu':
      return fc
        .array(
          fc.oneof(
            rowId(),
            text(512).filter((t) => t.length > 0),
          ),
          { minLength: 1, maxLength: 8 },
        )
        .map((ids) => [ids]);
    case 'copyText':
      return text(5000).map((t) => [t]);
    case 'markKnown':
      return fc
        .oneof(
          fc.record({
            kind: fc.constant('process'),
            rowId: rowId(),
            by: fc.constantFrom('hash', 'path'),
          }),
          knownItem,
        )
        .map((request) => [request]);
    case 'forgetKnown':
      return knownItem.map((item) => [item]);
    case 'getProcessIcons':
      return fc
        .array(fc.oneof(fc.constant(FAKE_PID), fc.integer({ min: 1, max: 2 ** 32 - 1 })), {
          minLength: 1,
          maxLength: 200,
        })
        .map((pids) => [pids]);
    case 'whois':
      return fc
        .oneof(address, fc.constantFrom('10.0.0.1', 'fe80::1%eth0', '192.168.1.1'))
        .map((a) => [a]);
    case 'changeProtectedSetting':
      return fc
        .oneof(
          fc.constantFrom(
            { kind: 'chooseBlocklistFile' },
            { kind: 'clearBlocklistFile' },
            { kind: 'chooseChangeLogFile' },
            { kind: 'defaultChangeLogFile' },
          ),
          fc.record({
            kind: fc.constant('askBefore'),
            action: fc.constantFrom('close', 'kill'),
            ask: fc.boolean(),
          }),
          fc.record({
            kind: fc.constant('lookupServers'),
            dnsServers: fc.array(fc.constantFrom('127.0.0.1:53', '[::1]:53', 'dns.example'), {
              maxLength: 3,
            }),
            whoisServer: fc.constantFrom('whois.example:43', '10.0.0.5'),
            rdapBootstrap: text(200),
            rdapBootstrapRefreshUrl: text(200),
          }),
        )
        .map((change) => [change]);
  }
}

/** A valid payload with one thing wrong: a leaf replaced, a key added or removed, a proto key. */
function nearValid(name: InvokeName): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid(name),
      fc.nat(),
      hostileValue,
      fc.constantFrom('extra', '__proto__', 'constructor', 'drop', 'leaf', 'arity'),
    )
    .map(([args, pick, replacement, how]) => {
      const copy = JSON.parse(JSON.stringify(args)) as unknown[];
      if (how === 'arity') return [...copy, replacement];
      const containers: Record<string, unknown>[] = [];
      const walk = (value: unknown) => {
        if (value !== null && typeof value === 'object') {
          containers.push(value as Record<string, unknown>);
          for (const inner of Object.values(value)) walk(inner);
        }
      };
      walk(copy);
      const target = containers[pick % containers.length]!;
      const keys = Object.keys(target);
      if (how === 'extra') target.extra = replacement;
      else if (how === '__proto__' || how === 'constructor') {
        Object.defineProperty(target, how, {
          value: replacement,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      } else if (keys.length > 0) {
        const key = keys[pick % keys.length]!;
        if (how === 'drop') delete target[key];
        else target[key] = replacement;
      }
      return copy;
    });
}

const payload = (name: InvokeName) =>
  fc.oneof(
    { weight: 3, arbitrary: valid(name) },
    { weight: 3, arbitrary: nearValid(name) },
    { weight: 2, arbitrary: fc.array(hostileValue, { maxLength: 3 }) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: prototypeKeyObjects.map((object) => [object]) },
  );

describe('every IPC channel through the real dispatcher', () => {
  for (const name of invokeNames) {
    it(
      name,
      async () => {
        await fuzz(
          `ipc ${name}`,
          fc.tuple(
            payload(name),
            fc
              .boolean()
              .map((frame) =>
                frame ? trusted : { url: 'https://evil.example/', isMainFrame: true },
              ),
          ),
          async ([args, sender]) => {
            const outcome = await dispatch(name, sender, args as unknown[]);
            // Always an envelope; a refusal is a clear error with a name and a message.
            expect(typeof outcome.ok).toBe('boolean');
            if (!outcome.ok) {
              expect(outcome.error.message.length).toBeGreaterThan(0);
              expect(outcome.error.message.length).toBeLessThan(20_000);
            }
            if (sender !== trusted) expect(outcome.ok).toBe(false);
            // The answer crosses IPC: it must survive JSON (the test bridge) without throwing.
            if (outcome.ok) JSON.stringify(outcome.value);
            return outcome;
          },
          {
            runs: RUNS_PER_CHANNEL,
            boundMs: BOUND_MS,
            label: (outcome) =>
              outcome?.ok ? 'answered' : (outcome?.error.name ?? 'refused').replace(/Error$/, ''),
          },
        );
      },
      testTimeout(RUNS_PER_CHANNEL, BOUND_MS),
    );
  }
});
