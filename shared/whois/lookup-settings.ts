// The `lookup` section of settings: host names, whois/RDAP servers and every bound on them.
// Every server and port is configurable so tests (loopback servers) and corporate networks
// (an internal whois mirror, a proxy-reachable RDAP bootstrap) can point elsewhere.
import { z } from 'zod';

/** "host" or "host:port" or "[v6]:port"; used for whois and DNS servers. */
export const hostPortSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+|[0-9A-Fa-f:]+)(:\d{1,5})?$/,
    'expected host or host:port',
  );

export const lookupSettingsSchema = z
  .object({
    /**
     * Fill the Remote Host Name column by reverse DNS (names shown only when forward-confirmed).
     * Off: no DNS traffic at all.
     */
    resolveHostNames: z.boolean(),
    /**
     * The first-run notice saying that host names are looked up (and where) was shown and
     * answered. Defaulted, so a settings file from before it keeps its lookup section.
     */
    hostNamesNoticeShown: z.boolean().default(false),
    /** DNS servers for reverse lookups ("127.0.0.1:5353"); empty: the system's. */
    dnsServers: z.array(hostPortSchema).max(8),
    dnsTimeoutMs: z.number().int().min(100).max(30_000),
    dnsConcurrency: z.number().int().min(1).max(64),
    /** How long a name (and a "no name" answer) is trusted before it is asked again. */
    dnsCacheSeconds: z
      .number()
      .int()
      .min(10)
      .max(7 * 24 * 3600),
    dnsNegativeCacheSeconds: z
      .number()
      .int()
      .min(10)
      .max(24 * 3600),

    /** Ask RDAP first (structured, HTTPS); off: port-43 whois only. */
    rdapEnabled: z.boolean(),
    /**
     * Where the RDAP bootstrap comes from: "" = the copy shipped with Portscope, refreshed from
     * IANA when reachable; otherwise a file path or an http(s) URL of a bootstrap file (RFC 9224)
     * or of a directory holding ipv4.json and ipv6.json (URL ending in "/").
     */
    rdapBootstrap: z.string().max(2000),
    /** Base URL the shipped bootstrap is refreshed from (ipv4.json and ipv6.json below it). */
    rdapBootstrapRefreshUrl: z.string().max(2000),
    /** Days before the cached bootstrap is refreshed. */
    rdapBootstrapRefreshDays: z.number().int().min(1).max(365),
    /** First port-43 server (it refers onwards): whois.iana.org:43 by default. */
    whoisServer: hostPortSchema,
    connectTimeoutMs: z.number().int().min(100).max(60_000),
    /** For one server's whole answer; a lookup may ask a few servers in turn. */
    totalTimeoutMs: z.number().int().min(200).max(120_000),
    /** Replies beyond this many bytes are cut and marked truncated. */
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024),
    /** Referrals followed at most (IANA → registry → ARIN's ReferralServer …). */
    maxReferrals: z.number().int().min(0).max(10),
    /** Lookups running at once; more wait in line. */
    maxInFlight: z.number().int().min(1).max(16),
    /** Minimum gap between two queries to the same server (registries rate-limit). */
    perServerIntervalMs: z.number().int().min(0).max(60_000),
    /** How long whois answers are kept (memory and disk). */
    cacheHours: z
      .number()
      .min(0)
      .max(24 * 90),
  })
  .strict();

export type LookupSettings = z.infer<typeof lookupSettingsSchema>;

export const defaultLookupSettings: LookupSettings = {
  resolveHostNames: true,
  hostNamesNoticeShown: false,
  dnsServers: [],
  dnsTimeoutMs: 3000,
  dnsConcurrency: 4,
  dnsCacheSeconds: 3600,
  dnsNegativeCacheSeconds: 300,
  rdapEnabled: true,
  rdapBootstrap: '',
  rdapBootstrapRefreshUrl: 'https://data.iana.org/rdap/',
  rdapBootstrapRefreshDays: 30,
  whoisServer: 'whois.iana.org:43',
  connectTimeoutMs: 5000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 1024 * 1024,
  maxReferrals: 4,
  maxInFlight: 4,
  perServerIntervalMs: 1000,
  cacheHours: 24,
};

/** Split "host:port" / "[v6]:port" / "host"; the default port applies when none is given. */
export function splitHostPort(text: string, defaultPort: number): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed)
    return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : defaultPort };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    return { host: host!, port: Number(port) };
  }
  return { host: text, port: defaultPort }; // bare hostname, IPv4, or bare IPv6 without port
}
