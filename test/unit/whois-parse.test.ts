// Pure whois/RDAP logic on real reply text (test/fixtures/whois) and the shipped IANA bootstrap.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import shippedIpv4 from '../../resources/rdap/ipv4.json';
import shippedIpv6 from '../../resources/rdap/ipv6.json';
import { cleanWhoisText, decodeWhoisBytes } from '../../shared/whois/decode';
import { splitHostPort } from '../../shared/whois/lookup-settings';
import { parseRdapIpNetwork, RdapFormatError } from '../../shared/whois/parse-rdap';
import {
  findUnfollowedReferral,
  findWhoisReferral,
  parseWhoisText,
  registryName,
} from '../../shared/whois/parse-whois';
import { findRdapServers, parseRdapBootstrap, rdapIpUrl } from '../../shared/whois/rdap-bootstrap';
import { parseAddress } from '../../shared/whois/special-address';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../fixtures/whois', name), 'utf8');

describe('parseWhoisText', () => {
  it('takes the most specific of ARIN’s networks and its organisation', () => {
    const fields = parseWhoisText(fixture('arin-8.8.8.8.txt'));
    expect(fields).toEqual({
      networkName: 'LVLT-GOGL-8-8-8',
      range: '8.8.8.0 - 8.8.8.255',
      cidr: ['8.8.8.0/24'],
      organisation: 'Google LLC',
      country: 'US',
      abuseContact: 'network-abuse@google.com',
      registry: 'ARIN',
    });
  });

  it('reads a RIPE reply, abuse contact from the "% Abuse contact" comment', () => {
    const fields = parseWhoisText(fixture('ripe-193.0.6.139.txt'));
    expect(fields.networkName).toBe('RIPE-NCC');
    expect(fields.range).toBe('193.0.0.0 - 193.0.7.255');
    expect(fields.organisation).toBe('Réseaux IP Européens Network Coordination Centre (RIPE NCC)');
    expect(fields.country).toBe('NL');
    expect(fields.abuseContact).toBe('abuse@ripe.net');
    expect(fields.registry).toBe('RIPE NCC');
  });

  it('reads IANA’s answer and its referral', () => {
    const text = fixture('iana-8.8.8.8.txt');
    expect(parseWhoisText(text)).toMatchObject({
      range: '8.0.0.0 - 8.255.255.255',
      organisation: 'Administered by ARIN',
      registry: 'IANA',
    });
    expect(findWhoisReferral(text)).toEqual({ host: 'whois.arin.net', port: 43 });
  });

  it('follows ARIN’s ReferralServer, with and without a port', () => {
    expect(findWhoisReferral(fixture('arin-referral-ripe.txt'))).toEqual({
      host: 'whois.ripe.net',
      port: 43,
    });
    expect(findWhoisReferral('ReferralServer:  whois://127.0.0.1:4343/\n')).toEqual({
      host: '127.0.0.1',
      port: 4343,
    });
    const rwhois = 'ReferralServer:  rwhois://rwhois.example.net:4321\n';
    expect(findWhoisReferral(rwhois)).toBeNull();
    expect(findUnfollowedReferral(rwhois)).toBe('rwhois://rwhois.example.net:4321');
    expect(findWhoisReferral(fixture('ripe-193.0.6.139.txt'))).toBeNull();
  });

  it('reads LACNIC’s abbreviated CIDR', () => {
    const text = 'inetnum:     200.160/12\nowner:       Exemplo Telecom\ncountry:     BR\n';
    expect(parseWhoisText(text)).toMatchObject({
      range: '200.160.0.0/12',
      cidr: ['200.160.0.0/12'],
      organisation: 'Exemplo Telecom',
      country: 'BR',
    });
  });

  it('names registries from sources and hosts', () => {
    expect(registryName('RIPE # Filtered')).toBe('RIPE NCC');
    expect(registryName('rdap.db.ripe.net')).toBe('RIPE NCC');
    expect(registryName('whois.apnic.net')).toBe('APNIC');
    expect(registryName('whois.example.org')).toBe('whois.example.org');
  });
});

describe('parseRdapIpNetwork', () => {
  it('summarises ARIN’s RDAP reply, abuse contact from the nested entity', () => {
    const json = JSON.parse(fixture('rdap-arin-8.8.8.8.json')) as unknown;
    expect(parseRdapIpNetwork(json)).toEqual({
      networkName: 'GOGL',
      range: '8.8.8.0 - 8.8.8.255',
      cidr: ['8.8.8.0/24'],
      organisation: 'Google LLC',
      country: null,
      abuseContact: 'network-abuse@google.com',
      registry: 'ARIN',
    });
  });

  it('rejects RDAP errors and non-network objects', () => {
    expect(() => parseRdapIpNetwork({ errorCode: 404, title: 'Not Found' })).toThrow(
      /RDAP error 404 \(Not Found\)/,
    );
    expect(() => parseRdapIpNetwork({ objectClassName: 'entity' })).toThrow(RdapFormatError);
    expect(() => parseRdapIpNetwork('nope')).toThrow(RdapFormatError);
  });
});

describe('RDAP bootstrap (shipped IANA copies)', () => {
  const bootstrap = parseRdapBootstrap(shippedIpv4, shippedIpv6);

  it('records the publication date of the oldest file', () => {
    expect(bootstrap.publication).toBe('2019-06-07T19:00:02Z');
  });

  it('finds the registry by prefix, https first', () => {
    expect(findRdapServers(bootstrap, '8.8.8.8')[0]).toBe('https://rdap.arin.net/registry/');
    expect(findRdapServers(bootstrap, '193.0.6.139')).toEqual(['https://rdap.db.ripe.net/']);
    expect(findRdapServers(bootstrap, '1.1.1.1')).toEqual(['https://rdap.apnic.net/']);
    expect(findRdapServers(bootstrap, '2001:4860:4860::8888')[0]).toBe(
      'https://rdap.arin.net/registry/',
    );
    expect(findRdapServers(bootstrap, '2a00:1450::1')).toEqual(['https://rdap.db.ripe.net/']);
    expect(findRdapServers(bootstrap, '0.1.2.3')).toEqual([]);
  });

  it('prefers the longest prefix', () => {
    const nested = parseRdapBootstrap({
      services: [
        [['10.0.0.0/8'], ['https://wide.example/']],
        [['10.1.0.0/16'], ['http://narrow.example/', 'https://narrow.example/']],
      ],
    });
    expect(findRdapServers(nested, '10.1.2.3')).toEqual([
      'https://narrow.example/',
      'http://narrow.example/',
    ]);
    expect(findRdapServers(nested, '10.2.0.1')).toEqual(['https://wide.example/']);
  });

  it('builds RFC 9082 URLs', () => {
    expect(rdapIpUrl('https://rdap.arin.net/registry', '8.8.8.8')).toBe(
      'https://rdap.arin.net/registry/ip/8.8.8.8',
    );
  });

  it('refuses a file without services', () => {
    expect(() => parseRdapBootstrap({ version: '1.0' })).toThrow(/not an RDAP bootstrap/);
  });
});

describe('special addresses are answered locally', () => {
  it.each([
    ['10.1.2.3', 'private network (RFC 1918)'],
    ['192.168.1.1', 'private network (RFC 1918)'],
    ['127.0.0.1', 'loopback address (this machine)'],
    ['169.254.1.1', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT shared address (RFC 6598)'],
    ['fd00::1', 'unique local address (RFC 4193)'],
    ['fe80::1%eth0', 'link-local address'],
    ['ff02::1', 'multicast address'],
    ['224.0.0.251', 'multicast address'],
    ['0.0.0.0', 'unspecified address'],
    ['::', 'unspecified address'],
    ['::1', 'loopback address (this machine)'],
    ['::ffff:192.168.0.1', 'private network (RFC 1918)'],
  ])('%s → %s', (address, label) => {
    expect(parseAddress(address)?.special).toBe(label);
  });

  it('leaves public addresses alone and normalises them', () => {
    expect(parseAddress('8.8.8.8')).toEqual({ address: '8.8.8.8', family: 4, special: null });
    expect(parseAddress('2001:4860:4860:0:0:0:0:8888')).toEqual({
      address: '2001:4860:4860::8888',
      family: 6,
      special: null,
    });
    expect(parseAddress('::ffff:8.8.4.4')?.address).toBe('8.8.4.4');
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', 'example.com', '127.1', '1.2.3.4.5', '999.1.1.1', 'x::y']) {
      expect(parseAddress(bad)).toBeNull();
    }
  });
});

describe('decoding whois bytes', () => {
  it('keeps a UTF-8 character that was split across two chunks', () => {
    const bytes = Buffer.from('org-name: Réseaux IP Européens\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1; // inside "é"
    const joined = Buffer.concat([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(decodeWhoisBytes(joined)).toEqual({
      text: 'org-name: Réseaux IP Européens\n',
      encoding: 'utf-8',
    });
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', () => {
    const latin1 = Buffer.from('owner: Telecomunicações São Paulo\n', 'latin1');
    expect(decodeWhoisBytes(latin1)).toEqual({
      text: 'owner: Telecomunicações São Paulo\n',
      encoding: 'latin1',
    });
  });

  it('drops control characters and CRs', () => {
    expect(cleanWhoisText('a\r\nb\u001b[31mc\u0000\td')).toBe('a\nb[31mc\td');
  });
});

describe('splitHostPort', () => {
  it('reads host, host:port and [v6]:port', () => {
    expect(splitHostPort('whois.iana.org', 43)).toEqual({ host: 'whois.iana.org', port: 43 });
    expect(splitHostPort('127.0.0.1:4343', 43)).toEqual({ host: '127.0.0.1', port: 4343 });
    expect(splitHostPort('[::1]:53', 43)).toEqual({ host: '::1', port: 53 });
    expect(splitHostPort('::1', 53)).toEqual({ host: '::1', port: 53 });
  });
});
