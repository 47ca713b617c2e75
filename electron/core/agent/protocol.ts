// The messages between the window and the elevated agent (`portscope agent`), on the agent's
// stdin (window → agent) and stdout (agent → window), one JSON object per length-delimited frame
// (framing.ts). Every message is validated with these schemas by the side that receives it: the
// agent does not trust the window (it runs as the person, with a web renderer), and the window
// does not take rows it cannot check into its table. ARCHITECTURE.md describes the exchange.
//
//   agent  → hello {protocol, pid, uid}               first, as soon as it runs (after the
//                                                     password prompt)
//   window → hello {protocol, intervalMs, paused}     the agent then polls on that timer
//   agent  → snapshot {rows, status, part, more}      the first poll (and after a "snapshot"),
//                                                     in parts of SNAPSHOT_PART_ROWS rows
//   agent  → delta {added, updated, removed, status}  every later poll
//   agent  → status {status, failure}                 a failed poll, a pause or interval change
//   window → setInterval / setPaused / refresh / snapshot / kill / close, each with an id
//   agent  → reply {id} | actionResult {id, outcome, message} | error {id, message}
//   either → error {id: null, message}                what was wrong with a message it received
import { z } from 'zod';
import {
  ipAddressSchema,
  pidSchema,
  portSchema,
  type ActionOutcome,
} from '../../../shared/contract/actions';
import { pollIntervalSchema } from '../../../shared/contract/connections';
import { TCP_STATES, type Connection, type PollStatus } from '../../../shared/model';

/** Bumped on any change a peer of the previous version would misread. */
export const AGENT_PROTOCOL_VERSION = 1;

/** Window → agent: requests are small; anything larger is refused unread. */
export const MAX_TO_AGENT_BYTES = 64 * 1024;
/**
 * Agent → window: a delta, or one part of a snapshot. At ~800 bytes of JSON per row, 64 MiB holds
 * some 80,000 rows; a larger frame is skipped and reported, and the window asks again.
 */
export const MAX_FROM_AGENT_BYTES = 64 * 1024 * 1024;
/**
 * Rows per snapshot message. The window validates each part as it arrives: 10,000 rows in one
 * message cost its main thread ~0.5 s of validation at once; in parts of 1,000 it stays free
 * between them (and a table of any size fits in frames).
 */
export const SNAPSHOT_PART_ROWS = 1000;

const requestId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const count = z.number().int().nonnegative();
const nullableCount = z.number().nonnegative().nullable();
const time = z.number().nonnegative();
const text = z.string();

export const connectionSchema = z.strictObject({
  id: z.string().min(1).max(512),
  protocol: z.enum(['tcp', 'udp']),
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: text,
  localPort: portSchema,
  remoteAddress: text.nullable(),
  remotePort: portSchema.nullable(),
  state: z.enum(TCP_STATES).nullable(),
  inode: count.nullable(),
  socketUid: count.nullable(),
  pid: pidSchema.nullable(),
  bytesSent: nullableCount,
  bytesReceived: nullableCount,
  packetsSent: nullableCount,
  packetsReceived: nullableCount,
  processName: text.nullable(),
  processPath: text.nullable(),
  processPathDeleted: z.boolean(),
  commandLine: text.nullable(),
  user: text.nullable(),
  parentPid: count.nullable(),
  processStartTime: time.nullable(),
  services: text.nullable(),
  company: text.nullable(),
  productName: text.nullable(),
  fileDescription: text.nullable(),
  fileVersion: text.nullable(),
  processNote: text.nullable(),
  sendRate: nullableCount,
  receiveRate: nullableCount,
  firstSeen: time,
  // Enriched fields: the window's enrichers fill them; from the agent they are always null.
  localPortName: z.null(),
  remotePortName: z.null(),
  remoteHostName: z.null(),
  remoteCountry: z.null(),
  remoteAsn: z.null(),
  remoteAsOrg: z.null(),
  suspicion: z.null(),
}) satisfies z.ZodType<Connection>;

export type AgentRow = z.infer<typeof connectionSchema>;

/** A row of the agent's poll as it goes out: the enriched fields are the window's to fill. */
export function agentRow(row: Connection): AgentRow {
  return {
    ...row,
    localPortName: null,
    remotePortName: null,
    remoteHostName: null,
    remoteCountry: null,
    remoteAsn: null,
    remoteAsOrg: null,
    suspicion: null,
  };
}

export const pollStatusSchema = z.strictObject({
  at: time.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  intervalMs: z.number().int().positive(),
  paused: z.boolean(),
  malformedLines: count,
  privileged: z.boolean(),
  warnings: z.array(text.max(4096)).max(64),
}) satisfies z.ZodType<PollStatus>;

const message = text.min(1).max(8192);

// ── window → agent ─────────────────────────────────────────────────────────────────────────────

export const closeTargetWithFamilySchema = z.strictObject({
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: ipAddressSchema,
  localPort: portSchema,
  remoteAddress: ipAddressSchema,
  remotePort: portSchema,
});

export const toAgentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    protocol: z.number().int(),
    intervalMs: pollIntervalSchema,
    paused: z.boolean(),
  }),
  z.strictObject({ type: z.literal('setInterval'), id: requestId, intervalMs: pollIntervalSchema }),
  z.strictObject({ type: z.literal('setPaused'), id: requestId, paused: z.boolean() }),
  /** Poll now; the reply comes after that poll's delta. */
  z.strictObject({ type: z.literal('refresh'), id: requestId }),
  /** Send the whole table again (the window lost a delta). */
  z.strictObject({ type: z.literal('snapshot'), id: requestId }),
  z.strictObject({
    type: z.literal('kill'),
    id: requestId,
    pid: pidSchema,
    /** The window's processStartTime for this pid: both sides must mean the same process. */
    startTime: time,
    signal: z.enum(['SIGTERM', 'SIGKILL']),
  }),
  z.strictObject({ type: z.literal('close'), id: requestId, target: closeTargetWithFamilySchema }),
  z.strictObject({ type: z.literal('error'), id: z.null(), message }),
]);
export type ToAgent = z.infer<typeof toAgentSchema>;
export type AgentRequest = Exclude<ToAgent, { type: 'hello' } | { type: 'error' }>;
/** A request as the window composes it; the client adds the id. */
export type AgentRequestBody = AgentRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

// ── agent → window ─────────────────────────────────────────────────────────────────────────────

const ACTION_OUTCOMES = [
  'done',
  'refused',
  'cancelled',
  'not-permitted',
  'not-supported',
  'already-gone',
  'still-running',
  'failed',
] as const satisfies readonly ActionOutcome[];

export const fromAgentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    protocol: z.number().int(),
    pid: pidSchema,
    uid: count,
  }),
  z.strictObject({
    type: z.literal('snapshot'),
    rows: z.array(connectionSchema).max(SNAPSHOT_PART_ROWS),
    status: pollStatusSchema,
    /** 0 for the first part: a new snapshot starts there. */
    part: count,
    /** More parts follow; the table is whole at the part with more: false. */
    more: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('delta'),
    added: z.array(connectionSchema),
    updated: z.array(connectionSchema),
    removed: z.array(z.string().min(1).max(512)),
    status: pollStatusSchema,
    total: count,
  }),
  z.strictObject({
    type: z.literal('status'),
    status: pollStatusSchema,
    /** Why the last poll failed, or null (a pause or interval change). */
    failure: message.nullable(),
  }),
  z.strictObject({ type: z.literal('reply'), id: requestId }),
  z.strictObject({
    type: z.literal('actionResult'),
    id: requestId,
    outcome: z.enum(ACTION_OUTCOMES),
    message,
  }),
  z.strictObject({ type: z.literal('error'), id: requestId.nullable(), message }),
]);
export type FromAgent = z.infer<typeof fromAgentSchema>;

// ── reading one frame ──────────────────────────────────────────────────────────────────────────

export type Decoded<T> =
  | { ok: true; message: T }
  /** `id` is the request id when the broken message still had a readable one (for the reply). */
  | { ok: false; problem: string; id: number | null };

/** JSON-parse and validate one frame's payload against `schema`; never throws. */
export function decodeMessage<T>(payload: Buffer, schema: z.ZodType<T>): Decoded<T> {
  if (payload.length === 0) return { ok: false, problem: 'an empty message', id: null };
  let raw: unknown;
  try {
    raw = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, problem: 'a message that is not JSON', id: null };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem: `an invalid message (${detail})`, id: readableId(raw) };
}

function readableId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = requestId.safeParse((raw as { id: unknown }).id);
  return id.success ? id.data : null;
}
