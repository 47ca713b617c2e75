// Parsers of outside text stay linear on adversarial input (issue 13.3). Each adversarial input
// is about 1 MB and built to make a backtracking pattern retry from every position; it is timed
// against the same parser on ordinary text of the same size (test/support/linear-time.ts). Before
// the fix a process with 100,000 empty arguments and one word took seconds in parseCmdline, and a
// 1 MB whois reply up to 15 s in parseWhoisText; a linear parser stays within a small factor.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCmdline, parseProcPidStat } from '../../electron/platform/linux/proc-stat-parser';
import { tokenize } from '../../shared/filter/tokenize';
import { parseBlocklist } from '../../shared/rules/blocklist';
import { parseAddress } from '../../shared/whois/special-address';
import {
  findEmail,
  parseWhoisText,
  readWhoisReply,
  splitKeyValue,
} from '../../shared/whois/parse-whois';
import { bestOfMs, expectLinear } from '../support/linear-time';

const MB = 1024 * 1024;
const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/whois', name), 'utf8');

/** `unit` repeated to about `size` characters. */
const fill = (unit: string, size = MB) => unit.repeat(Math.ceil(size / unit.length));

/**
 * How much slower than the baseline an adversarial input may be. Generous (machines are busy and
 * the inputs' shapes differ: a million one-character lines are not a 20,000-line reply), yet a
 * backtracking pattern at 1 MB is hundreds to thousands of times slower.
 */
const MAX_RATIO = 20;

describe('parseCmdline', () => {
  const baseline = fill('-v\0'); // many short arguments: the most NULs ordinary text has

  it('100,000 empty arguments before one word (the NUL-trimming pattern retried every NUL)', () => {
    const adversarial = `${'\0'.repeat(MB)}word\0`;
    expect(parseCmdline(`${'\0'.repeat(100_000)}word\0`)).toBe(`${' '.repeat(100_000)}word`);
    expectLinear(
      () => parseCmdline(adversarial),
      () => parseCmdline(baseline),
      MAX_RATIO,
    );
  });

  it('a stat line whose comm is made of parentheses', () => {
    const line = `42 (${'()'.repeat(MB / 2)}) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0`;
    const plain = `42 (${'ab'.repeat(MB / 2)}) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0`;
    expect(parseProcPidStat(line)?.startTicks).toBe(99);
    expectLinear(
      () => parseProcPidStat(line),
      () => parseProcPidStat(plain),
      MAX_RATIO,
    );
  });
});

describe('whois replies', () => {
  const ordinary = fill(`${fixture('arin-8.8.8.8.txt')}\n${fixture('ripe-193.0.6.139.txt')}\n`);
  let baselineMs: number | null = null;
  /** Measured once for every case below. */
  const baseline = () => (baselineMs ??= bestOfMs(() => readWhoisReply(ordinary)));

  it.each([
    // Quadratic before: EMAIL retried from every character of a long run with no "@" after it.
    ['an abuse line of local-part characters', `abuse-c: ${fill('a')}`],
    ['an abuse line ending in "@"', `abuse-c: ${fill('a')}@`],
    // Quadratic before: (.*?)\s*$ re-scanned the blanks after every character of the value.
    ['a value with a long run of blanks inside', `descr: x${fill(' ')}y`],
    // Quadratic before: /\s+-\s+/ retried from every blank of a long run that no "-" follows.
    ['a range of blanks', `inetnum: 1${fill(' ')}x`],
    // Shapes that were linear already, kept so that they stay so.
    ['an abuse address field of a megabyte', `OrgAbuseEmail: ${fill('a@')}`],
    ["RIPE's abuse comment repeated", `% Abuse contact for ${fill(" is 'x")}`],
    ['a referral made of dots', `ReferralServer: whois://${fill('a.')}`],
    ['one line of colons', fill(':')],
    ['short key lines', fill('a:\n')],
  ])('%s', (_name, adversarial) => {
    expectLinear(() => readWhoisReply(adversarial), baseline(), MAX_RATIO);
  });

  it('still reads the fields of an ordinary reply (the parser was rewritten without regexes)', () => {
    expect(parseWhoisText(fixture('arin-8.8.8.8.txt')).abuseContact).toBe(
      'network-abuse@google.com',
    );
    expect(parseWhoisText(fixture('ripe-193.0.6.139.txt')).abuseContact).toBe('abuse@ripe.net');
    expect(parseWhoisText('inetnum:  10.0.0.0  -  10.0.0.255\n').range).toBe(
      '10.0.0.0 - 10.0.0.255',
    );
    expect(splitKeyValue('  Org Name  :  Example  \r')).toEqual({
      key: 'org name',
      value: 'Example',
    });
    expect(splitKeyValue('https://rdap.arin.net/registry/ip/8.8.8.8')).toBeNull();
    expect(splitKeyValue('% comment: no')).toBeNull();
    expect(findEmail('mail abuse@example.com.1 or x@y')).toBe('abuse@example.com');
    expect(findEmail('no address @ here')).toBeNull();
  });
});

describe('filter, addresses and blocklists', () => {
  it('a filter of a million plain words (each term searched the rest of the text for ":")', () => {
    expectLinear(
      () => tokenize(fill('a ')),
      () => tokenize(fill('port:1 ')),
      MAX_RATIO,
    );
  });

  it('an address with a long zone of "%" (/%.*$/ retried from every "%")', () => {
    const adversarial = `fe80::1${fill('%')}\n`;
    expect(parseAddress(adversarial)?.address).toBe('fe80::1');
    expectLinear(
      () => parseAddress(`${adversarial}${Math.random()}`),
      () => parseAddress(`${fill('1')}${Math.random()}`),
      MAX_RATIO,
    );
  });

  it('a blocklist (256 KB) of one endless line, and one of endless colons', () => {
    const ordinary = fill('203.0.113.7\n198.51.100.0/24\n2001:db8::/32\n', MB / 4);
    const oneLine = fill('1:', MB / 4);
    const list = parseBlocklist(oneLine);
    expect(list.size).toBe(0);
    expect(list.problems[0]!.text.length).toBeLessThanOrEqual(121);
    const baseline = bestOfMs(() => parseBlocklist(ordinary));
    expectLinear(() => parseBlocklist(oneLine), baseline, MAX_RATIO);
    const colons = fill('ffff:'.repeat(7) + '\n', MB / 4);
    expectLinear(() => parseBlocklist(colons), baseline, MAX_RATIO);
  });
});
