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

// Every step below is linear in the reply: a whois server is outside text, and a reply of up to
// maxResponseBytes (1 MB by default) must never stall Portscope. No regular expression here runs
// on unbounded text with a pattern that can backtrack; lines are cut to MAX_WHOIS_LINE first.

/**
 * Lines are cut to this many characters before they are read. The registries' longest lines
 * (remarks, descr) are about a hundred characters; a cut line only loses what no field needs.
 */
export const MAX_WHOIS_LINE = 1000;

/** The reply's lines, each cut to MAX_WHOIS_LINE. */
function boundedLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length > MAX_WHOIS_LINE) lines[i] = lines[i]!.slice(0, MAX_WHOIS_LINE);
  }
  return lines;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** What String.prototype.trim removes, for the ASCII range whois uses. */
const isBlank = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
/** A key is a letter, then up to 40 of letters, digits, space, "_" and "-". */
const isKeyChar = (c: number) => isLetter(c) || isDigit(c) || c === 32 || c === 95 || c === 45;
const MAX_KEY_LENGTH = 41;

/**
 * "Key:  value" → {key: "key", value: "value"}; null for comments ("%", "#"), lines without a
 * key, and URLs ("https://…" is not a key "https").
 */
export function splitKeyValue(line: string): { key: string; value: string } | null {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  if (i >= line.length || !isLetter(line.charCodeAt(i))) return null;
  const keyStart = i;
  let lettersOnly = true;
  i++;
  while (i < line.length && i - keyStart < MAX_KEY_LENGTH && isKeyChar(line.charCodeAt(i))) {
    if (!isLetter(line.charCodeAt(i))) lettersOnly = false;
    i++;
  }
  const keyEnd = i;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 58 /* : */) return null;
  // "https://host/…": letters straight up to "://" make a URL, not a key.
  if (lettersOnly && keyEnd === i && line.startsWith('//', i + 1)) return null;
  return {
    key: line.slice(keyStart, keyEnd).trimEnd().toLowerCase(),
    value: line.slice(i + 1).trim(),
  };
}

/** A reply split once: every (cut) line, and the key/value lines among them. */
interface ReplyLines {
  all: string[];
  lines: Line[];
}

function replyLines(text: string): ReplyLines {
  const lines: Line[] = [];
  const all = boundedLines(text);
  for (let index = 0; index < all.length; index++) {
    const pair = splitKeyValue(all[index]!);
    if (pair) lines.push({ key: pair.key, value: pair.value, index });
  }
  return { all, lines };
}

const isLocalChar = (c: number) =>
  isLetter(c) || isDigit(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45; // . _ % + -
const isDomainChar = (c: number) => isLetter(c) || isDigit(c) || c === 46 || c === 45; // . -

/**
 * The first e-mail address in `text` (local@domain.tld, the TLD two letters or more), found in
 * one pass: each "@" looks left over local-part characters and right over domain characters, and
 * no character belongs to two such runs (neither class holds "@").
 */
export function findEmail(text: string): string | null {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    let end = at + 1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    // The last "." in the domain run followed by two letters or more ends the address.
    for (
      let dot = text.lastIndexOf('.', end - 1);
      dot > at + 1;
      dot = text.lastIndexOf('.', dot - 1)
    ) {
      let tld = dot + 1;
      while (tld < end && isLetter(text.charCodeAt(tld))) tld++;
      if (tld - dot - 1 >= 2) return text.slice(start, tld);
    }
  }
  return null;
}

const ABUSE_COMMENT_START = 'abuse contact for ';

/** RIPE's "% Abuse contact for '193.0.0.0 - 193.0.7.255' is 'abuse@ripe.net'" → the address. */
function abuseFromComment(line: string): string | null {
  const text = line.trim();
  if (!text.startsWith('%')) return null;
  let i = 1;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const lower = text.toLowerCase();
  if (!lower.startsWith(ABUSE_COMMENT_START, i)) return null;
  const from = i + ABUSE_COMMENT_START.length;
  // The last " is '…'" with a closing quote: the contact follows the range, which is quoted too.
  for (let is = lower.lastIndexOf(" is '"); is >= from; is = lower.lastIndexOf(" is '", is - 1)) {
    const open = is + 5;
    const close = text.indexOf("'", open);
    if (close > open) return text.slice(open, close);
  }
  return null;
}

/** "a - b" → ["a", "b"]; null unless there is exactly one "-" with blanks on both sides. */
function splitRange(value: string): [string, string] | null {
  const dash = value.indexOf('-');
  if (dash <= 0 || value.indexOf('-', dash + 1) !== -1) return null;
  if (!isBlank(value.charCodeAt(dash - 1)) || !isBlank(value.charCodeAt(dash + 1))) return null;
  return [value.slice(0, dash).trim(), value.slice(dash + 1).trim()];
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
    const parts = splitRange(value);
    if (parts === null) return null;
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
  return fieldsOf(replyLines(text));
}

/** What the port-43 client needs from one reply, from one pass over its lines. */
export interface WhoisReplyReading {
  fields: WhoisFields;
  referral: WhoisReferral | null;
  /** An rwhois:// (or other) referral that is not followed, for the notes. */
  unfollowed: string | null;
}

export function readWhoisReply(text: string): WhoisReplyReading {
  const reply = replyLines(text);
  return {
    fields: fieldsOf(reply),
    referral: referralOf(reply.lines),
    unfollowed: unfollowedOf(reply.lines),
  };
}

function fieldsOf({ all, lines }: ReplyLines): WhoisFields {
  const fields = emptyWhoisFields();
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
      const parts = splitRange(value);
      fields.range = parts ? `${parts[0]} - ${parts[1]}` : value;
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
  for (const line of all) {
    abuse = abuseFromComment(line);
    if (abuse !== null) break;
  }
  abuse ??=
    first(['orgabuseemail', 'abuse-mailbox'], start) ?? first(['orgabuseemail', 'abuse-mailbox']);
  if (!abuse) {
    for (const line of lines) {
      if (!line.key.includes('abuse')) continue;
      abuse = findEmail(line.value);
      if (abuse !== null) break;
    }
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
  // Own keys only: "source: constructor" must not name Object's constructor.
  if (Object.hasOwn(REGISTRY_NAMES, word)) return REGISTRY_NAMES[word]!;
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
  return referralOf(replyLines(text).lines);
}

function referralOf(lines: Line[]): WhoisReferral | null {
  for (const line of lines) {
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
  return unfollowedOf(replyLines(text).lines);
}

function unfollowedOf(lines: Line[]): string | null {
  const line = lines.find((l) => l.key === 'referralserver' && !/^whois:\/\//i.test(l.value));
  return line ? line.value : null;
}
