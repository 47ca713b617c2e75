// One port-43 whois query (RFC 3912): connect, send "query\r\n", read until the server closes.
// Bounded: connect timeout, total timeout, byte cap. Bytes are collected and decoded once, so a
// UTF-8 character split across TCP chunks stays whole. https://www.rfc-editor.org/rfc/rfc3912
import net from 'node:net';
import { cleanWhoisText, decodeWhoisBytes } from '../../../shared/whois/decode';
import { OutboundRefused, checkLiteralHost, guardedLookup, type HopPolicy } from './outbound-guard';

export interface WhoisQueryOptions {
  host: string;
  port: number;
  query: string;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  /** What this server may be (a referral: public only, unless the first server was local). */
  hop?: HopPolicy;
}

export interface WhoisQueryResult {
  text: string;
  bytes: number;
  encoding: 'utf-8' | 'latin1';
  /** Why the reply was cut short, or null when the server closed after a complete reply. */
  truncated: 'size' | 'time' | null;
  /** The address connected to (whether the configured server is local decides referrals). */
  remoteAddress?: string;
}

/** A whois server failed in a way a person can act on; `server` is "host:port". */
export class WhoisQueryError extends Error {
  override name = 'WhoisQueryError';
  constructor(
    readonly server: string,
    message: string,
  ) {
    super(message);
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function queryWhoisServer(options: WhoisQueryOptions): Promise<WhoisQueryResult> {
  const server = `${options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    let connected = false;
    let remoteAddress: string | undefined;
    const what = `the referral to ${server}`;
    if (options.hop) {
      try {
        checkLiteralHost(options.host, options.hop, what);
      } catch (error) {
        reject(new WhoisQueryError(server, (error as Error).message));
        return;
      }
    }
    const lookup = options.hop ? guardedLookup(options.hop, what) : undefined;
    const socket = net.connect({
      host: options.host,
      port: options.port,
      ...(lookup ? { lookup } : {}),
    });

    const finish = (truncated: WhoisQueryResult['truncated']) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      socket.destroy();
      const bytes = Buffer.concat(chunks).subarray(0, options.maxBytes);
      const decoded = decodeWhoisBytes(bytes);
      resolve({
        text: cleanWhoisText(decoded.text),
        bytes: bytes.length,
        encoding: decoded.encoding,
        truncated,
        remoteAddress,
      });
    };
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      socket.destroy();
      reject(new WhoisQueryError(server, message));
    };

    const connectTimer = setTimeout(
      () => fail(`could not connect to ${server} within ${seconds(options.connectTimeoutMs)}`),
      options.connectTimeoutMs,
    );
    const totalTimer = setTimeout(() => {
      // Something arrived: show it, marked. Nothing arrived: the server is not answering.
      if (received > 0) finish('time');
      else fail(`${server} did not answer within ${seconds(options.totalTimeoutMs)}`);
    }, options.totalTimeoutMs);

    socket.on('connect', () => {
      connected = true;
      remoteAddress = socket.remoteAddress;
      clearTimeout(connectTimer);
      socket.write(`${options.query}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= options.maxBytes) finish('size');
    });
    socket.on('end', () => finish(null));
    socket.on('close', () => {
      if (!settled && connected) finish(null);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected && received > 0 && error.code === 'ECONNRESET') {
        finish(null); // some servers reset instead of closing after a full reply
        return;
      }
      fail(describeSocketError(server, error));
    });
  });
}

function describeSocketError(server: string, error: NodeJS.ErrnoException): string {
  if (error instanceof OutboundRefused) return error.message;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${server} refused the connection (no whois service there)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${server.replace(/:\d+$/, '')}: check the network or the DNS settings`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${server} is unreachable: no route (offline, or a firewall blocks port ${server.split(':').pop()})`;
    case 'ECONNRESET':
      return `${server} closed the connection before answering`;
    default:
      return `${server}: ${error.message}`;
  }
}
