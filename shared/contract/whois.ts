// Channels of "who is on the other end": a whois/RDAP lookup of one remote address, asked from
// the panel (right-click → Whois). The address is validated here, in main, before any traffic.
import { z } from 'zod';
import { parseAddress } from '../whois/special-address';
import type { WhoisSummary } from '../whois/types';
import { invoke } from './define';

/** An IPv4 or IPv6 address as the table shows it (zone ids allowed, host names not). */
export const ipAddressSchema = z
  .string()
  .max(100)
  .refine((text) => parseAddress(text) !== null, { message: 'not an IP address' });

export const whoisInvokes = {
  /** Registry record of an address: summary and raw reply. Rejects with a readable message. */
  whois: invoke<WhoisSummary>()(z.tuple([ipAddressSchema])),
};
