// Closing a connection over Portscope's own sock_diag socket, against a FakeKernel that replays
// the real kernel's captured dump: only a socket equal to the target to the byte is destroyed, by
// the identity the dump gave (cookie included), and each answer of the kernel reads as the
// outcome a person can act on.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AccessDenied, AlreadyGone, NotSupported } from '../../electron/platform/errors';
import { closeWithSockDiag, sockIdAddress } from '../../electron/platform/linux/close-socket';
import { CONNECTION_STATES } from '../../electron/platform/linux/sock-diag/constants';
import type { CloseTcpTarget } from '../../electron/platform/types';
import {
  FakeKernel,
  captureFacts as facts,
  capturedDatagrams,
  capturedReply,
  endMessage,
  messageBounds,
  tableOf,
  type SeenRequest,
} from '../support/sock-diag-bytes';

const { EPERM, EOPNOTSUPP, ESTALE, ENOENT } = os.constants.errno;

/** A kernel that dumps the captured tables and answers SOCK_DESTROY with `destroyErrno`. */
function kernelAnswering(destroyErrno: number): FakeKernel {
  return new FakeKernel((request: SeenRequest) =>
    request.type === 21
      ? [endMessage(2, request.seq, destroyErrno)]
      : capturedDatagrams(tableOf(request), request.seq),
  );
}

/** The 48-byte socket id of the captured socket with these ports. */
function capturedSocketId(table: 'tcp' | 'tcp6', localPort: number, remotePort: number) {
  const bytes = capturedReply(table);
  const view = new DataView(bytes.buffer);
  for (const [start] of messageBounds(bytes)) {
    const id = start + 16 + 4;
    if (view.getUint16(id, false) === localPort && view.getUint16(id + 2, false) === remotePort) {
      return bytes.slice(id, id + 48);
    }
  }
  throw new Error('not captured');
}

const busyClient: CloseTcpTarget = {
  family: 4,
  localAddress: '127.0.0.1',
  localPort: facts.tcp.busyClient.port,
  remoteAddress: '127.0.0.1',
  remotePort: facts.tcp.listener,
};

describe('closing through sock_diag', () => {
  it('finds the connection in a dump of connections and destroys exactly it', () => {
    const kernel = kernelAnswering(0);
    expect(closeWithSockDiag(busyClient, kernel.open)).toEqual({
      closed: 1,
      detail: `sock_diag destroyed 127.0.0.1:${busyClient.localPort} \u2192 127.0.0.1:${busyClient.remotePort}`,
    });
    const [dump, destroy, ...rest] = kernel.requests;
    expect(dump).toMatchObject({ type: 20, family: 2, protocol: 6, states: CONNECTION_STATES });
    expect(destroy).toMatchObject({ type: 21, flags: 0x05, family: 2, protocol: 6 });
    expect(destroy!.socketId).toEqual(
      capturedSocketId('tcp', busyClient.localPort, busyClient.remotePort),
    );
    expect(rest).toEqual([]);
    expect(kernel.closed).toBe(kernel.opened);
  });

  it('matches an IPv4 peer on a dual-stack socket by its IPv4-mapped address, in the tcp6 dump', () => {
    const kernel = kernelAnswering(0);
    const target: CloseTcpTarget = {
      family: 6,
      localAddress: '127.0.0.1',
      localPort: facts.dualStack.listener,
      remoteAddress: '127.0.0.1',
      remotePort: facts.dualStack.mappedClient.port,
    };
    expect(closeWithSockDiag(target, kernel.open)?.closed).toBe(1);
    expect(kernel.requests[0]).toMatchObject({ family: 10 });
    expect(kernel.requests[1]!.socketId).toEqual(
      capturedSocketId('tcp6', target.localPort, target.remotePort),
    );
    // The same addresses named as an IPv4 socket match nothing: no such AF_INET socket.
    const v4 = kernelAnswering(0);
    expect(() => closeWithSockDiag({ ...target, family: 4 }, v4.open)).toThrow(AlreadyGone);
    expect(v4.requests.map((r) => r.type)).toEqual([20]);
  });

  it('destroys nothing when no connection has the exact tuple (a listener shares the port)', () => {
    const kernel = kernelAnswering(0);
    const target = { ...busyClient, remotePort: 9 };
    expect(() => closeWithSockDiag(target, kernel.open)).toThrow(/already closed/);
    expect(kernel.requests.map((r) => r.type)).toEqual([20]);
  });

  it('reads the kernel’s answer as the outcome: not permitted, not supported, already gone', () => {
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(EPERM).open)).toThrow(AccessDenied);
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(EPERM).open)).toThrow(
      /Not permitted.*CAP_NET_ADMIN.*pkexec.*Show all processes…/,
    );
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(EOPNOTSUPP).open)).toThrow(
      NotSupported,
    );
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(EOPNOTSUPP).open)).toThrow(
      /lacks sock_diag destroy.*CONFIG_INET_DIAG_DESTROY/,
    );
    // ESTALE: the addresses now name another socket (the cookie did not match); ENOENT: gone.
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(ESTALE).open)).toThrow(AlreadyGone);
    expect(() => closeWithSockDiag(busyClient, kernelAnswering(ENOENT).open)).toThrow(AlreadyGone);
  });

  it('checks the tuple before asking the kernel anything', () => {
    const kernel = kernelAnswering(0);
    expect(() =>
      closeWithSockDiag({ ...busyClient, localAddress: '127.0.0.1 or 1' }, kernel.open),
    ).toThrow(/Not an IP/);
    expect(() => closeWithSockDiag({ ...busyClient, remotePort: 0 }, kernel.open)).toThrow(/port/);
    expect(() => closeWithSockDiag({ ...busyClient, remoteAddress: '::1' }, kernel.open)).toThrow(
      /IPv4 socket/,
    );
    expect(kernel.opened).toBe(0);
  });

  it('gives way to ss when no sock_diag socket can be opened here', () => {
    const result = closeWithSockDiag(busyClient, () => {
      throw new NotSupported('no netlink');
    });
    expect(result).toBeNull();
  });

  it('writes addresses as the kernel keeps them in a socket id', () => {
    expect(Array.from(sockIdAddress('127.0.0.1', 4))).toEqual([127, 0, 0, 1, ...Array(12).fill(0)]);
    expect(Array.from(sockIdAddress('127.0.0.1', 6))).toEqual([
      ...Array(10).fill(0),
      0xff,
      0xff,
      127,
      0,
      0,
      1,
    ]);
    expect(Array.from(sockIdAddress('::ffff:10.0.0.2', 4)).slice(0, 4)).toEqual([10, 0, 0, 2]);
    expect(Array.from(sockIdAddress('2001:db8::1', 6))).toEqual([
      0x20,
      0x01,
      0x0d,
      0xb8,
      ...Array(11).fill(0),
      1,
    ]);
  });
});
