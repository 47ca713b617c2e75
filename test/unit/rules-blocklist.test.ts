// The blocklist file format: addresses, CIDR ranges, comments, bad lines reported by number.
import { describe, expect, it } from 'vitest';
import { parseBlocklist } from '../../shared/rules/blocklist';

const FILE = [
  '# Portscope blocklist',
  '',
  '203.0.113.7',
  '198.51.100.0/24   # a whole network',
  '  10.1.2.3/8', // host bits set: the range is 10.0.0.0/8
  '2001:db8::/32',
  '::ffff:192.0.2.0/120', // IPv4-mapped range folds to 192.0.2.0/24
  'fe80::1%eth0',
  'not-an-address',
  '1.2.3.4/33',
  '0x7f.1',
  '5.6.7.8/abc',
].join('\n');

describe('parseBlocklist', () => {
  const list = parseBlocklist(FILE);

  it('reads addresses and ranges, and reports bad lines with their numbers', () => {
    expect(list.size).toBe(6);
    expect(list.problems.map((p) => [p.line, p.text])).toEqual([
      [9, 'not-an-address'],
      [10, '1.2.3.4/33'],
      [11, '0x7f.1'],
      [12, '5.6.7.8/abc'],
    ]);
    expect(list.problems[1]?.message).toBe('prefix length must be 0–32');
  });

  it('matches single addresses, ranges, IPv6 and IPv4-mapped forms', () => {
    expect(list.match('203.0.113.7')).toEqual({ text: '203.0.113.7', line: 3 });
    expect(list.match('203.0.113.8')).toBeNull();
    expect(list.match('198.51.100.255')?.line).toBe(4);
    expect(list.match('10.200.0.1')?.text).toBe('10.1.2.3/8');
    expect(list.match('2001:db8:ffff::1')?.line).toBe(6);
    expect(list.match('2001:db9::1')).toBeNull();
    expect(list.match('192.0.2.77')?.line).toBe(7);
    expect(list.match('::ffff:203.0.113.7')?.line).toBe(3);
    expect(list.match('fe80::1')?.line).toBe(8);
    expect(list.match('garbage')).toBeNull();
  });

  it('names the most specific entry when ranges overlap', () => {
    const overlapping = parseBlocklist('127.0.0.0/8\n127.0.0.5/32\n');
    expect(overlapping.match('127.0.0.5')?.line).toBe(2);
    expect(overlapping.match('127.0.0.6')?.line).toBe(1);
  });

  it('handles an empty file and Windows line endings', () => {
    expect(parseBlocklist('').size).toBe(0);
    expect(parseBlocklist('\r\n# x\r\n1.1.1.1\r\n').match('1.1.1.1')?.line).toBe(3);
  });
});
