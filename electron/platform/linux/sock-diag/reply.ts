// Walking a netlink reply (pure): the datagrams the kernel sends back to a request are a run of
// messages, each a struct nlmsghdr and a payload, 4-byte aligned. A dump ends with NLMSG_DONE
// (whose payload is an int: 0, or a negative errno when the dump failed part way); a request
// with NLM_F_ACK, or one the kernel refuses, is answered by NLMSG_ERROR (int error, 0 = done).
// include/uapi/linux/netlink.h: https://github.com/torvalds/linux/blob/master/include/uapi/linux/netlink.h
import os from 'node:os';
import {
  NLM_F_DUMP_INTR,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_HDRLEN,
  NLMSG_NOOP,
  NLMSG_OVERRUN,
} from './constants';

export interface ReplyProgress {
  /** The reply is complete: NLMSG_DONE, or NLMSG_ERROR (an error, or the ack of a request). */
  done: boolean;
  /** The errno the kernel answered with (positive); 0 when none. */
  errno: number;
  /** The kernel's table changed while it was dumped (NLM_F_DUMP_INTR): some rows may be missed. */
  interrupted: boolean;
  /** Bytes that were not a whole message: the rest of the datagram was skipped. */
  malformed: number;
}

/** Receives each data message: the message's type and the payload's bounds in the bytes. */
export type OnMessage = (type: number, payloadStart: number, end: number) => void;

/** The kernel dropped messages (NLMSG_OVERRUN): reported as ENOBUFS, as recv(2) would. */
const { ENOBUFS } = os.constants.errno;

const align4 = (length: number) => (length + 3) & ~3;

/**
 * Walk the messages in bytes[0, length) that answer request `seq`, calling onMessage for each
 * data message. Messages of another sequence (left over from an earlier, abandoned request) are
 * skipped. Stops at the end of the reply.
 */
export function walkReply(
  view: DataView,
  length: number,
  seq: number,
  littleEndian: boolean,
  onMessage: OnMessage,
): ReplyProgress {
  const progress: ReplyProgress = { done: false, errno: 0, interrupted: false, malformed: 0 };
  let offset = 0;
  while (offset + NLMSG_HDRLEN <= length) {
    const messageLength = view.getUint32(offset, littleEndian);
    if (messageLength < NLMSG_HDRLEN || offset + messageLength > length) {
      progress.malformed = length - offset;
      return progress;
    }
    const type = view.getUint16(offset + 4, littleEndian);
    const flags = view.getUint16(offset + 6, littleEndian);
    const end = offset + messageLength;
    if (view.getUint32(offset + 8, littleEndian) === seq) {
      if (flags & NLM_F_DUMP_INTR) progress.interrupted = true;
      if (type === NLMSG_DONE || type === NLMSG_ERROR) {
        // Both carry an int: 0, or a negative errno.
        const code =
          messageLength >= NLMSG_HDRLEN + 4 ? view.getInt32(offset + 16, littleEndian) : 0;
        progress.done = true;
        progress.errno = code < 0 ? -code : 0;
        return progress;
      }
      if (type === NLMSG_OVERRUN) {
        progress.done = true;
        progress.errno = ENOBUFS;
        return progress;
      }
      if (type !== NLMSG_NOOP) onMessage(type, offset + NLMSG_HDRLEN, end);
    }
    offset += align4(messageLength);
  }
  if (offset < length) progress.malformed = length - offset;
  return progress;
}
