// RDAP "ip network" objects (RFC 9083 §5.4) to summary fields. Entities carry contacts as jCard
// (RFC 7095): ["vcard", [[name, params, type, value], …]].
import { z } from 'zod';
import { registryName } from './parse-whois';
import { emptyWhoisFields, type WhoisFields } from './types';

const jcardProperty = z.tuple([z.string(), z.unknown(), z.string(), z.unknown()]).rest(z.unknown());

interface RdapEntity {
  roles?: unknown;
  vcardArray?: unknown;
  entities?: unknown;
  handle?: unknown;
}

const ipNetworkSchema = z.looseObject({
  objectClassName: z.string().optional(),
  handle: z.string().optional(),
  name: z.string().optional(),
  startAddress: z.string().optional(),
  endAddress: z.string().optional(),
  country: z.string().optional(),
  port43: z.string().optional(),
  cidr0_cidrs: z
    .array(
      z.looseObject({
        v4prefix: z.string().optional(),
        v6prefix: z.string().optional(),
        length: z.number().optional(),
      }),
    )
    .optional(),
  entities: z.array(z.unknown()).optional(),
  errorCode: z.number().optional(),
  title: z.string().optional(),
  description: z.array(z.string()).optional(),
});

export class RdapFormatError extends Error {
  override name = 'RdapFormatError';
}

function vcardValues(entity: RdapEntity, property: string): string[] {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || card[0] !== 'vcard' || !Array.isArray(card[1])) return [];
  const values: string[] = [];
  for (const raw of card[1] as unknown[]) {
    const parsed = jcardProperty.safeParse(raw);
    if (!parsed.success || parsed.data[0].toLowerCase() !== property) continue;
    const value = parsed.data[3];
    if (typeof value === 'string' && value.trim() !== '') values.push(value.trim());
  }
  return values;
}

function rolesOf(entity: RdapEntity): string[] {
  return Array.isArray(entity.roles) ? entity.roles.filter((r) => typeof r === 'string') : [];
}

/** Every entity, nested ones too (the abuse contact hangs under the registrant at ARIN). */
function allEntities(list: unknown, depth = 0, found: RdapEntity[] = []): RdapEntity[] {
  if (!Array.isArray(list) || depth > 4) return found;
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const entity = item as RdapEntity;
    // Appended one by one: spreading a reply's 300,000 nested entities into push() as arguments
    // overflows the stack.
    found.push(entity);
    allEntities(entity.entities, depth + 1, found);
  }
  return found;
}

/** Parse an RDAP reply; throws RdapFormatError when it is not an ip network (or is an error). */
export function parseRdapIpNetwork(json: unknown, serverHost: string | null = null): WhoisFields {
  const parsed = ipNetworkSchema.safeParse(json);
  if (!parsed.success) throw new RdapFormatError('the RDAP reply is not a JSON object');
  const network = parsed.data;
  if (network.errorCode !== undefined) {
    const detail = [network.title, ...(network.description ?? [])].filter(Boolean).join(': ');
    throw new RdapFormatError(`RDAP error ${network.errorCode}${detail ? ` (${detail})` : ''}`);
  }
  if (network.objectClassName !== 'ip network' && network.startAddress === undefined) {
    throw new RdapFormatError('the RDAP reply is not an "ip network" object');
  }
  const fields = emptyWhoisFields();
  fields.networkName = network.name ?? network.handle ?? null;
  if (network.startAddress && network.endAddress) {
    fields.range = `${network.startAddress} - ${network.endAddress}`;
  }
  fields.cidr = (network.cidr0_cidrs ?? []).flatMap((c) => {
    const prefix = c.v4prefix ?? c.v6prefix;
    return prefix && c.length !== undefined ? [`${prefix}/${c.length}`] : [];
  });
  if (network.country && /^[A-Za-z]{2}$/.test(network.country)) {
    fields.country = network.country.toUpperCase();
  }

  const entities = allEntities(network.entities);
  const withRole = (role: string) => entities.filter((e) => rolesOf(e).includes(role));
  const nameOf = (e: RdapEntity) => vcardValues(e, 'fn')[0] ?? null;
  fields.organisation =
    withRole('registrant').map(nameOf).find(Boolean) ??
    entities
      .filter((e) => vcardValues(e, 'kind')[0] === 'org')
      .map(nameOf)
      .find(Boolean) ??
    null;
  fields.abuseContact =
    withRole('abuse')
      .map((e) => vcardValues(e, 'email')[0] ?? null)
      .find(Boolean) ?? null;

  const host = network.port43 ?? serverHost;
  fields.registry = host ? registryName(host) : null;
  return fields;
}
