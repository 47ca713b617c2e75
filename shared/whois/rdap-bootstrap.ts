// The IANA RDAP bootstrap registry for IP addresses (RFC 9224): which RDAP server holds which
// prefix. Format: {version, publication, description?, services: [[[prefixes], [base URLs]], …]}.
// https://www.rfc-editor.org/rfc/rfc9224#section-5.1 (IPv4) and #section-5.2 (IPv6)
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const bootstrapFileSchema = z.object({
  version: z.string().optional(),
  publication: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});

interface BootstrapEntry {
  network: ipaddr.IPv4 | ipaddr.IPv6;
  prefixLength: number;
  cidr: string;
  urls: string[];
}

export interface RdapBootstrap {
  /** The file's publication time as IANA wrote it (null when absent). */
  publication: string | null;
  entries: BootstrapEntry[];
}

export class BootstrapFormatError extends Error {
  override name = 'BootstrapFormatError';
}

/**
 * Read one or more bootstrap files (IPv4 and IPv6 are separate files at IANA; a corporate copy may
 * merge them). Prefixes that do not parse are skipped; a file without a services array throws.
 */
export function parseRdapBootstrap(...files: unknown[]): RdapBootstrap {
  const entries: BootstrapEntry[] = [];
  let publication: string | null = null;
  for (const file of files) {
    const parsed = bootstrapFileSchema.safeParse(file);
    if (!parsed.success) {
      throw new BootstrapFormatError('not an RDAP bootstrap file (RFC 9224): no "services" list');
    }
    if (
      parsed.data.publication &&
      (publication === null || parsed.data.publication < publication)
    ) {
      publication = parsed.data.publication; // the oldest of the files is what we vouch for
    }
    for (const [prefixes, urls] of parsed.data.services) {
      const usable = urls.filter((url) => /^https?:\/\//i.test(url));
      if (usable.length === 0) continue;
      for (const cidr of prefixes) {
        try {
          const [network, prefixLength] = ipaddr.parseCIDR(cidr);
          entries.push({ network, prefixLength, cidr, urls: preferHttps(usable) });
        } catch {
          // a malformed prefix in one service must not cost every other one
        }
      }
    }
  }
  return { publication, entries };
}

/** RFC 9224 §3: clients should prefer https when a service lists both. */
function preferHttps(urls: string[]): string[] {
  return [...urls].sort(
    (a, b) => Number(!a.startsWith('https:')) - Number(!b.startsWith('https:')),
  );
}

/** The base URLs of the registry holding `address`: the longest matching prefix wins. */
export function findRdapServers(bootstrap: RdapBootstrap, address: string): string[] {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return [];
  }
  let best: BootstrapEntry | null = null;
  for (const entry of bootstrap.entries) {
    if (entry.network.kind() !== ip.kind()) continue;
    if (best && entry.prefixLength <= best.prefixLength) continue;
    if (ip.match(entry.network, entry.prefixLength)) best = entry;
  }
  return best ? best.urls : [];
}

/** `https://rdap.arin.net/registry/` + `ip/8.8.8.8` (RFC 9082 §3.1.1), tolerant of a missing slash. */
export function rdapIpUrl(baseUrl: string, address: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}ip/${address}`;
}
