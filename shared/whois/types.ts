// What a whois lookup answers, as the panel, the CLI (`--format json`) and the cache store it.
// Plain data only: it crosses IPC by structured clone and is written to the on-disk cache.

/** Where the answer came from. "local" means no network traffic was made (a special range). */
export type WhoisSource = 'local' | 'rdap' | 'whois';

export interface WhoisSummary {
  /** The address asked about, normalised (IPv6 compressed, IPv4-mapped shown as IPv4). */
  address: string;
  source: WhoisSource;
  /** Network name as the registry calls it ("GOGL", "CLOUDFLARENET"). */
  networkName: string | null;
  /** First and last address of the registered block ("8.8.8.0 - 8.8.8.255"). */
  range: string | null;
  /** The block as CIDR prefixes, when the registry gives them or the range is exact. */
  cidr: string[];
  /** The organisation that holds the block. */
  organisation: string | null;
  /** ISO 3166-1 alpha-2 country code of the registration (not of the machine). */
  country: string | null;
  /** Where to report abuse from this network (usually an e-mail address). */
  abuseContact: string | null;
  /** The registry that holds the record ("ARIN", "RIPE NCC" …) or the server that answered. */
  registry: string | null;
  /** Servers asked, in order ("rdap.arin.net", "whois.iana.org:43" …). */
  servers: string[];
  /** The raw reply of the server the summary comes from (RDAP: pretty-printed JSON). */
  raw: string;
  /** The reply was cut (size cap or time limit): the summary may miss fields. */
  truncated: boolean;
  /** Why it was cut, or what went wrong on the way (RDAP failed, a referral failed …). */
  notes: string[];
  /** For local answers: the kind of special range ("private network (RFC 1918)"). */
  specialRange: string | null;
  /** When the answer was fetched, ms since the Unix epoch. */
  fetchedAt: number;
  /** Served from the cache (memory or disk) rather than asked now. */
  fromCache: boolean;
}

/** The fields a reply parser fills; the rest come from the lookup itself. */
export type WhoisFields = Pick<
  WhoisSummary,
  'networkName' | 'range' | 'cidr' | 'organisation' | 'country' | 'abuseContact' | 'registry'
>;

export function emptyWhoisFields(): WhoisFields {
  return {
    networkName: null,
    range: null,
    cidr: [],
    organisation: null,
    country: null,
    abuseContact: null,
    registry: null,
  };
}
