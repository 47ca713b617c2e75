// Port-43 whois replies (RFC 3912) as the regional registries write them. There is no standard
// format; these are the keys each registry uses for the same facts:
//   IANA     refer:, whois:, inetnum:, organisation:, source: IANA
//   ARIN     NetRange:, CIDR:, NetName:, OrgName:, Country:, OrgAbuseEmail:, ReferralServer:
//   RIPE NCC, APNIC, AFRINIC  inetnum:/inet6num:, netname:, org-name:, descr:, country:,
//            abuse-mailbox:, "% Abuse contact for '…' is '…'", source:
//   LACNIC   inetnum: (CIDR), owner:, country:, abuse-c:
import ipaddr from 'ipaddr.js';
import { emptyWhoisFields, type WhoisFields } from './types';

interface Line {
  key: string;
  value: string;
  index: number;
}

const ABUSE_COMMENT = /^%\s*Abuse contact for .* is '([^']+)'/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

function keyValueLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s*[%#]/.test(line)) return;
    const match = /^\s*([A-Za-z][A-Za-z0-9 _-]{0,40}?)\s*:\s*(.*?)\s*$/.exec(line);
    if (match && match[2] !== undefined && !/^[a-z]+:\/\//i.test(line.trim())) {
      lines.push({ key: match[1]!.toLowerCase(), value: match[2], index });
    }
  });
  return lines;
}

const NETWORK_KEYS = ['netrange', 'inetnum', 'inet6num'];

/** Number of addresses in "a - b" or "a/len", to pick the most specific of several networks. */
export function rangeSize(value: string): bigint | null {
  try {
    if (value.includes('/')) {
      const [network, length] = ipaddr.parseCIDR(value.split(',')[0]!.trim());
      const bits = network.kind() === 'ipv4' ? 32 : 128;
      return 1n << BigInt(bits - length);
    }
    const parts = value.split(/\s+-\s+/);
    if (parts.length !== 2) return null;
    const toBig = (text: string) =>
      ipaddr
        .parse(text.trim())
        .toByteArray()
        .reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
    return toBig(parts[1]!) - toBig(parts[0]!) + 1n;
  } catch {
    return null;
  }
}

/** LACNIC abbreviates IPv4 CIDRs ("200.160/12"); pad them so they parse. */
function normaliseCidr(value: string): string {
  const match = /^(\d+(?:\.\d+){0,3})\/(\d+)$/.exec(value);
  if (!match) return value;
  const octets = match[1]!.split('.');
  while (octets.length < 4) octets.push('0');
  return `${octets.join('.')}/${match[2]}`;
}

/** The summary fields of one whois reply. */
export function parseWhoisText(text: string): WhoisFields {
  const fields = emptyWhoisFields();
  const lines = keyValueLines(text);
  const first = (keys: string[], from = 0): string | null => {
    for (const line of lines) {
      if (line.index >= from && keys.includes(line.key) && line.value !== '') return line.value;
    }
    return null;
  };

  // Several networks can match (ARIN lists the parent and the child): keep the most specific.
  let networkLine: Line | null = null;
  let networkSize: bigint | null = null;
  for (const line of lines) {
    if (!NETWORK_KEYS.includes(line.key) || line.value === '') continue;
    const size = rangeSize(normaliseCidr(line.value));
    if (networkLine === null || (size !== null && (networkSize === null || size <= networkSize))) {
      networkLine = line;
      networkSize = size;
    }
  }
  const start = networkLine?.index ?? 0;

  if (networkLine) {
    const value = normaliseCidr(networkLine.value);
    if (value.includes('/')) {
      fields.cidr = [value];
      fields.range = value;
    } else {
      fields.range = value.replace(/\s+-\s+/, ' - ');
    }
  }
  const cidr = first(['cidr'], start);
  if (cidr) fields.cidr = cidr.split(/[,\s]+/).filter(Boolean);

  fields.networkName = first(['netname'], start) ?? first(['netname']);
  fields.organisation =
    first(['orgname', 'org-name', 'owner'], start) ??
    first(['orgname', 'org-name', 'owner']) ??
    first(['organization', 'organisation', 'descr'], start);
  const country = first(['country'], start) ?? first(['country']);
  if (country && /^[A-Za-z]{2}\b/.test(country)) fields.country = country.slice(0, 2).toUpperCase();

  let abuse: string | null = null;
  for (const line of text.split('\n')) {
    const match = ABUSE_COMMENT.exec(line.trim());
    if (match) {
      abuse = match[1]!;
      break;
    }
  }
  abuse ??=
    first(['orgabuseemail', 'abuse-mailbox'], start) ?? first(['orgabuseemail', 'abuse-mailbox']);
  if (!abuse) {
    const line = lines.find((l) => l.key.includes('abuse') && EMAIL.test(l.value));
    abuse = line ? EMAIL.exec(line.value)![0] : null;
  }
  fields.abuseContact = abuse;

  const source = first(['source'], start) ?? first(['source']);
  if (source) fields.registry = registryName(source);
  else if (lines.some((l) => l.key === 'netrange')) fields.registry = 'ARIN';
  return fields;
}

const REGISTRY_NAMES: Record<string, string> = {
  arin: 'ARIN',
  ripe: 'RIPE NCC',
  'ripe-ncc': 'RIPE NCC',
  apnic: 'APNIC',
  afrinic: 'AFRINIC',
  lacnic: 'LACNIC',
  iana: 'IANA',
};

/** "RIPE" / "whois.ripe.net" / "rdap.db.ripe.net" → "RIPE NCC"; unknown names pass through. */
export function registryName(sourceOrHost: string): string {
  const text = sourceOrHost.trim().toLowerCase();
  const word = text.split(/\s+/)[0]!;
  if (REGISTRY_NAMES[word]) return REGISTRY_NAMES[word]!;
  for (const [key, name] of Object.entries(REGISTRY_NAMES)) {
    if (text.split(/[.:/]/).includes(key)) return name;
  }
  return sourceOrHost.trim();
}

export interface WhoisReferral {
  host: string;
  port: number;
}

/**
 * The next server to ask, if the reply points elsewhere: IANA's `refer:` / `whois:`, ARIN's
 * `ReferralServer: whois://host[:port]`. `rwhois://` referrals are not followed (a different
 * protocol, RFC 2167); the caller notes them.
 */
export function findWhoisReferral(text: string): WhoisReferral | null {
  for (const line of keyValueLines(text)) {
    if (line.key === 'refer' || line.key === 'whois') {
      // IANA writes a bare host name; a port suffix is accepted for private mirrors (and tests).
      const match = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::(\d{1,5}))?$/.exec(
        line.value.split(/\s+/)[0]!,
      );
      if (match) return { host: match[1]!, port: match[2] ? Number(match[2]) : 43 };
    }
    if (line.key === 'referralserver') {
      const match = /^whois:\/\/([^/:\s]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i.exec(line.value);
      if (match) {
        const port = match[2] ? Number(match[2]) : 43;
        if (port > 0 && port < 65536) return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
      }
    }
  }
  return null;
}

/** An `rwhois://` referral we do not follow, for the notes. */
export function findUnfollowedReferral(text: string): string | null {
  const line = keyValueLines(text).find(
    (l) => l.key === 'referralserver' && !/^whois:\/\//i.test(l.value),
  );
  return line ? line.value : null;
}
