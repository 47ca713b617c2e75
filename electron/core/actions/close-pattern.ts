// `portscope close LOCALADDR LOCALPORT REMOTEADDR REMOTEPORT`, where any part may be `*`, as
// CurrPorts' /close takes it. The pattern picks rows of the current table; closing then goes
// through the same closeConnections as the window (same checks, same confirmation).
import { displayAddress, isPlainIpAddress } from '../../../shared/contract/actions';
import type { Connection } from '../../../shared/model';
import { closeRefusal } from './close';

export interface ClosePattern {
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string | null;
  remotePort: number | null;
}

function addressPart(text: string, what: string): string | null {
  if (text === '*') return null;
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isPlainIpAddress(bare)) throw new Error(`${what} "${text}" is not an IP address or *.`);
  return displayAddress(bare);
}

function portPart(text: string, what: string): number | null {
  if (text === '*') return null;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`${what} "${text}" is not a port (0-65535) or *.`);
  }
  return port;
}

/** Parse the four positional arguments; throws with a message for the command line. */
export function parseClosePattern(args: string[]): ClosePattern {
  if (args.length !== 4) {
    throw new Error('close takes four arguments: LOCALADDR LOCALPORT REMOTEADDR REMOTEPORT.');
  }
  return {
    localAddress: addressPart(args[0]!, 'local address'),
    localPort: portPart(args[1]!, 'local port'),
    remoteAddress: addressPart(args[2]!, 'remote address'),
    remotePort: portPart(args[3]!, 'remote port'),
  };
}

/** True when the row is a closable TCP connection that the pattern names. */
export function matchClosePattern(pattern: ClosePattern, row: Connection): boolean {
  if (closeRefusal(row) !== null) return false;
  return (
    (pattern.localAddress === null || pattern.localAddress === row.localAddress) &&
    (pattern.localPort === null || pattern.localPort === row.localPort) &&
    (pattern.remoteAddress === null || pattern.remoteAddress === row.remoteAddress) &&
    (pattern.remotePort === null || pattern.remotePort === row.remotePort)
  );
}
