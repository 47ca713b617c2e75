// The `rules` section of the settings file (registered in shared/settings.ts): which rules are on,
// the port lists, the blocklist file, the person's known items, and notifications.
import { z } from 'zod';
import { isPlainIpAddress } from '../contract/actions';

const port = z.number().int().min(1).max(65535);

/** Something the person marked as known ("this is normal here"): never flagged again. */
export const knownItemSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('process'),
      /** Executable path as the table shows it. */
      path: z.string().min(1).max(4096),
      /**
       * SHA-256 (hex) of the executable when it was marked. Set: only that exact file is known,
       * so a replaced binary at the same path is judged again. Null: known by path alone.
       */
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('remoteAddress'),
      address: z
        .string()
        .max(64)
        .refine(isPlainIpAddress, { message: 'not an IPv4 or IPv6 address' }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('port'),
      port,
    })
    .strict(),
]);
export type KnownItem = z.infer<typeof knownItemSchema>;
export type KnownItemKind = KnownItem['kind'];

export const rulesSettingsSchema = z
  .object({
    /** Rule id → on/off. A rule missing here is on (new rules start on). */
    enabled: z.record(z.string().max(64), z.boolean()),
    /** Remote or listening ports associated with backdoors and C2 channels. */
    backdoorPorts: z.array(port).max(1000),
    /** Ports where a listener on all interfaces is expected (not flagged). */
    expectedListenerPorts: z.array(port).max(1000),
    /** A file of IPs and CIDR ranges, one per line; null: no blocklist. */
    blocklistPath: z.string().min(1).max(4096).nullable(),
    known: z.array(knownItemSchema).max(10000),
    /** Desktop notification when a new suspicious connection appears. */
    notifications: z.boolean(),
  })
  .strict();
export type RulesSettings = z.infer<typeof rulesSettingsSchema>;

/**
 * Ports long associated with backdoors, bots and anonymity networks. Each is also used by
 * legitimate software somewhere, which is why the list is editable and the rule is a warning.
 */
export const DEFAULT_BACKDOOR_PORTS: readonly number[] = [
  1337, // "leet": a favourite of hand-written backdoors and CTF shells
  4444, // Metasploit's default reverse-shell handler port
  5555, // common reverse-shell port; also Android debug bridge over TCP (adb)
  6666, // IRC alternates, used by IRC-controlled bots
  6667, // IRC, the classic botnet command channel
  9001, // Tor relay (ORPort)
  9050, // Tor SOCKS proxy
  9051, // Tor control port
  12345, // NetBus
  20034, // NetBus 2 Pro
  27374, // SubSeven
  31337, // Back Orifice ("eleet")
  54321, // Back Orifice 2000
];

/**
 * Listeners on all interfaces that a typical Linux machine has: ssh, the DHCP clients (v4 and v6),
 * NTP and multicast DNS. Everything else reachable from the network gets a notice.
 */
export const DEFAULT_EXPECTED_LISTENER_PORTS: readonly number[] = [22, 68, 123, 546, 5353];

export const defaultRulesSettings: RulesSettings = {
  enabled: {},
  backdoorPorts: [...DEFAULT_BACKDOOR_PORTS],
  expectedListenerPorts: [...DEFAULT_EXPECTED_LISTENER_PORTS],
  blocklistPath: null,
  known: [],
  notifications: true,
};
