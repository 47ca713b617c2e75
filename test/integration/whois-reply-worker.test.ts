// Whois and RDAP replies are read in a worker thread (issue 13.3): the thread that serves the
// window never runs a parser over outside text, and a reply that takes too long is stopped by
// ending the worker. The built worker (out/main/whois-parse-worker.js) against the in-process
// reading; a worker that never answers (test/support/stuck-worker.mjs) for the time limit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ReplyParseError,
  createWorkerReplyParser,
  type ReplyParser,
} from '../../electron/core/lookup/reply-parser';
import { readRdapReply } from '../../electron/core/lookup/reply-reading';
import { createWhoisService } from '../../electron/core/lookup/whois-service';
import { readWhoisReply } from '../../shared/whois/parse-whois';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { builtFile } from '../support/build-output';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/whois', name), 'utf8');
const stuckWorker = fileURLToPath(new URL('../support/stuck-worker.mjs', import.meta.url));

const parsers: ReplyParser[] = [];
const servers: FakeWhoisServer[] = [];
afterEach(async () => {
  await Promise.all(parsers.splice(0).map((parser) => parser.dispose()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function parser(options: Parameters<typeof createWorkerReplyParser>[0]): ReplyParser {
  const created = createWorkerReplyParser(options);
  parsers.push(created);
  return created;
}

describe('the reply-parser worker', () => {
  it('reads whois and RDAP replies as the in-process reading does', async () => {
    const worker = parser({ workerFile: builtFile('out/main/whois-parse-worker.js') });
    const text = fixture('arin-8.8.8.8.txt');
    expect(await worker.whois(text)).toEqual(readWhoisReply(text));
    const body = fixture('rdap-arin-8.8.8.8.json');
    expect(await worker.rdap(body, 'rdap.arin.net')).toEqual(readRdapReply(body, 'rdap.arin.net'));
    await expect(worker.rdap('{"objectClassName": "ip netw', null)).rejects.toMatchObject({
      name: 'MalformedJsonError',
    });
    await expect(worker.rdap('{"errorCode": 404}', null)).rejects.toMatchObject({
      name: 'RdapFormatError',
      message: 'RDAP error 404',
    });
  });

  it('a reply that is never read stops at the time limit, and the main thread runs on', async () => {
    const stuck = parser({ workerFile: stuckWorker, timeoutMs: 300 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const failure = await stuck.whois('netname: X\n').then(
      () => null,
      (error: unknown) => error,
    );
    const elapsed = performance.now() - started;
    delay.disable();
    expect(failure).toBeInstanceOf(ReplyParseError);
    expect((failure as Error).message).toBe(
      'reading the reply took longer than 0.3 s and was stopped',
    );
    expect(elapsed).toBeLessThan(5000);
    // Had the parser run on this thread, the loop would have stalled for the whole wait.
    expect(delay.max / 1e6).toBeLessThan(elapsed / 2);
    // The stuck worker was ended; the next reply gets a fresh one (stuck again here) and its
    // own time limit, not a hang.
    await expect(stuck.whois('netname: Y\n')).rejects.toBeInstanceOf(ReplyParseError);
  });

  it('reads in-process when no worker can start', async () => {
    const inline = parser({ workerFile: null });
    const text = fixture('ripe-193.0.6.139.txt');
    expect(await inline.whois(text)).toEqual(readWhoisReply(text));
    const missing = parser({ workerFile: path.join(__dirname, 'no-such-worker.js') });
    expect(await missing.whois(text)).toEqual(readWhoisReply(text));
  });

  it('the whois service reads replies through its parser', async () => {
    const reply = fixture('arin-8.8.8.8.txt');
    const server = await startFakeWhoisServer({ kind: 'answer', reply: () => reply });
    servers.push(server);
    const read: string[] = [];
    const worker = parser({ workerFile: builtFile('out/main/whois-parse-worker.js') });
    const service = createWhoisService({
      dataDir: null,
      settings: () => ({
        ...defaultLookupSettings,
        rdapEnabled: false,
        whoisServer: server.address,
      }),
      parser: {
        ...worker,
        whois: (text) => {
          read.push(text);
          return worker.whois(text);
        },
      },
    });
    const summary = await service.lookup('8.8.8.8');
    await service.dispose();
    expect(read).toEqual([reply]);
    expect(summary.organisation).toBe('Google LLC');
  });
});
