// The change log on a real temporary folder: what counts as opened and closed, the line formats,
// rotation at maxBytes, and the settings-driven service of the app.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeLog } from '../../electron/core/export/change-log';
import { createChangeLogService } from '../../electron/core/export/change-log-service';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import type { Connection } from '../../shared/model';
import { makeConnection } from '../support/connection-fixture';

const row = (id: string, fields: Partial<Connection> = {}): Connection =>
  makeConnection({ id, remotePortName: 'postgresql', ...fields });
const T = Date.UTC(2026, 10, 25, 21, 46, 0);
let dir = '';

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'portscope-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const jsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ChangeLog', () => {
  it('logs opened and closed rows, not the ones open at the start, each close once', async () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new ChangeLog({ path: file, format: 'jsonl', maxBytes: 1 << 20 });
    log.seed([row('old')]);
    await log.record({ added: [row('a'), row('b')], updated: [], removed: [] }, T);
    // a ends in TIME_WAIT (the kernel owns it, pid gone): closed now, with its last owner.
    await log.record(
      {
        added: [],
        updated: [row('a', { state: 'TIME_WAIT', pid: null, processName: null })],
        removed: ['b'],
      },
      T + 1000,
    );
    await log.record({ added: [], updated: [], removed: ['a', 'old', 'never-seen'] }, T + 2000);
    const lines = jsonLines(file);
    expect(lines.map((l) => [l.event, l.id, l.time])).toEqual([
      ['opened', 'a', '2026-11-25T21:46:00.000Z'],
      ['opened', 'b', '2026-11-25T21:46:00.000Z'],
      ['closed', 'b', '2026-11-25T21:46:01.000Z'],
      ['closed', 'a', '2026-11-25T21:46:01.000Z'],
      ['closed', 'old', '2026-11-25T21:46:02.000Z'],
    ]);
    expect(lines[3]).toMatchObject({ state: 'TIME_WAIT', pid: 4242, processName: 'psql' });
    expect(Object.keys(lines[0]!).slice(0, 3)).toEqual(['time', 'event', 'id']);
  });

  it('a connection first seen in TIME_WAIT is logged opened and closed', async () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new ChangeLog({ path: file, format: 'jsonl', maxBytes: 1 << 20 });
    await log.record(
      { added: [row('short', { state: 'TIME_WAIT' })], updated: [], removed: [] },
      T,
    );
    expect(jsonLines(file).map((l) => l.event)).toEqual(['opened', 'closed']);
  });

  it('csv: a header, neutralised formulas, every column', async () => {
    const file = path.join(dir, 'log.csv');
    const log = new ChangeLog({ path: file, format: 'csv', maxBytes: 1 << 20 });
    await log.record(
      { added: [row('x', { processName: '=evil()' })], updated: [], removed: [] },
      T,
    );
    await log.record({ added: [], updated: [], removed: ['x'] }, T + 1);
    const records = parseCsv(readFileSync(file, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(records.map((r) => [r.Time, r.Event, r.Id, r.Process, r.PID])).toEqual([
      ['2026-11-25T21:46:00.000Z', 'opened', 'x', "'=evil()", '4242'],
      ['2026-11-25T21:46:00.001Z', 'closed', 'x', "'=evil()", '4242'],
    ]);
  });

  it('rotates to FILE.1 before passing maxBytes, each file starting with its header', async () => {
    const file = path.join(dir, 'log.csv');
    const log = new ChangeLog({ path: file, format: 'csv', maxBytes: 4096 });
    for (let i = 0; i < 40; i += 1) {
      await log.record({ added: [row(`r${i}`)], updated: [], removed: [] }, T + i);
    }
    expect(existsSync(`${file}.1`)).toBe(true);
    for (const name of [file, `${file}.1`]) {
      const text = readFileSync(name, 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
      expect(text.startsWith('Time,Event,Id,Process,')).toBe(true);
    }
    const current = parseCsv(readFileSync(file, 'utf8'), { columns: true }) as { Id: string }[];
    expect(current.at(-1)!.Id).toBe('r39');
  });

  it('a write that fails is reported with an actionable message, and logging goes on', async () => {
    const errors: string[] = [];
    const file = path.join(dir, 'missing', 'log.jsonl');
    const log = new ChangeLog({
      path: file,
      format: 'jsonl',
      maxBytes: 1 << 20,
      onError: (error) => errors.push(error.message),
    });
    await log.record({ added: [row('a')], updated: [], removed: [] }, T);
    expect(errors).toEqual([
      expect.stringContaining(`the folder ${path.join(dir, 'missing')} does not exist`),
    ]);
  });
});

describe('createChangeLogService', () => {
  it('follows settings.export.log: off, on (seeded from the table), then off again', async () => {
    const settings = createMemorySettingsStore();
    const table = [row('open-before')];
    const service = createChangeLogService({
      settings,
      dataDir: dir,
      currentRows: () => table,
      onError: (error) => {
        throw error;
      },
    });
    expect(service.active).toBeNull();
    service.onDelta({ added: [row('ignored')], updated: [], removed: [] });

    await settings.update({
      export: { ...settings.get().export, log: { ...settings.get().export.log, enabled: true } },
    });
    const log = service.active!;
    expect(log.path).toBe(path.join(dir, 'connection-log.jsonl'));
    service.onDelta({ added: [row('new')], updated: [], removed: ['open-before'] });
    await log.flush();
    expect(jsonLines(log.path).map((l) => [l.event, l.id])).toEqual([
      ['closed', 'open-before'],
      ['opened', 'new'],
    ]);

    await settings.update({
      export: { ...settings.get().export, log: { ...settings.get().export.log, enabled: false } },
    });
    expect(service.active).toBeNull();
    await service.dispose();
  });
});
