// What a whois or RDAP reply says, read from its text: the work the reply-parser worker does
// (whois-parse-worker.ts), also run in-process when no worker can start. Pure: no Node imports.
import { parseRdapIpNetwork } from '../../../shared/whois/parse-rdap';
import { readWhoisReply, type WhoisReplyReading } from '../../../shared/whois/parse-whois';
import type { WhoisFields } from '../../../shared/whois/types';

export type { WhoisReplyReading };

export interface RdapReading {
  fields: WhoisFields;
  /** The reply re-indented for people (the Raw tab, `whois --raw`). */
  raw: string;
}

/** Thrown for a reply that is not JSON; its message names no host (the caller adds it). */
export class MalformedJsonError extends Error {
  override name = 'MalformedJsonError';
}

/** An RDAP reply body; throws MalformedJsonError or RdapFormatError. */
export function readRdapReply(body: string, serverHost: string | null): RdapReading {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedJsonError('malformed JSON');
  }
  const fields = parseRdapIpNetwork(json, serverHost);
  let raw: string;
  try {
    raw = JSON.stringify(json, null, 2);
  } catch {
    // Nesting too deep to re-indent (JSON.stringify recurses): show the reply as it came.
    raw = body;
  }
  return { fields, raw };
}

export { readWhoisReply };

/** One request to the reply parser and its answer (the worker's message protocol). */
export type ReplyRequest =
  | { id: number; kind: 'whois'; text: string }
  | { id: number; kind: 'rdap'; text: string; serverHost: string | null };

export type ReplyAnswer =
  | { id: number; ok: true; value: WhoisReplyReading | RdapReading }
  | { id: number; ok: false; name: string; message: string };

/** The worker's first message, once its code has loaded. */
export interface ReplyWorkerReady {
  ready: true;
}

/** Answers one request in this thread (what the worker runs for each message). */
export function answerReplyRequest(request: ReplyRequest): ReplyAnswer {
  try {
    const value =
      request.kind === 'whois'
        ? readWhoisReply(request.text)
        : readRdapReply(request.text, request.serverHost);
    return { id: request.id, ok: true, value };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, ok: false, name: failure.name, message: failure.message };
  }
}
