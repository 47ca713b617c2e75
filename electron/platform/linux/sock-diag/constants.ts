// Numbers of the kernel's sock_diag netlink interface, as its uapi headers define them. They are
// ABI: fixed once released, the same on every architecture Linux runs on.
//   netlink framing   include/uapi/linux/netlink.h
//     https://github.com/torvalds/linux/blob/master/include/uapi/linux/netlink.h
//   message types     include/uapi/linux/sock_diag.h
//     https://github.com/torvalds/linux/blob/master/include/uapi/linux/sock_diag.h
//   requests, replies include/uapi/linux/inet_diag.h
//     https://github.com/torvalds/linux/blob/master/include/uapi/linux/inet_diag.h
//   tcp_info          include/uapi/linux/tcp.h
//     https://github.com/torvalds/linux/blob/master/include/uapi/linux/tcp.h
//   TCP states        include/net/tcp_states.h

// Address families and protocols (include/linux/socket.h, include/uapi/linux/in.h).
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_NETLINK = 16;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

// socket(2) type and protocol for the sock_diag channel (include/linux/net.h, netlink.h).
export const SOCK_RAW = 3;
export const SOCK_CLOEXEC = 0o2000000;
export const NETLINK_SOCK_DIAG = 4;

// recv(2) flags (include/linux/socket.h): do not block; report a datagram's real length even
// when it did not fit, so a too-small buffer is noticed rather than silently cutting a reply.
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const POLLIN = 0x1;

// struct nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid.
export const NLMSG_HDRLEN = 16;
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;
export const NLM_F_REQUEST = 0x01;
export const NLM_F_ACK = 0x04;
/** Set by the kernel on a dump whose table changed while it was walked. */
export const NLM_F_DUMP_INTR = 0x10;
/** NLM_F_ROOT | NLM_F_MATCH: every matching object. */
export const NLM_F_DUMP = 0x300;

// sock_diag.h message types.
export const SOCK_DIAG_BY_FAMILY = 20;
export const SOCK_DESTROY = 21;
/**
 * inet_diag.h's older request for TCP (before SOCK_DIAG_BY_FAMILY, still served by every kernel:
 * net/ipv4/inet_diag.c inet_diag_rcv_msg_compat). Its dump is family-less (AF_UNSPEC): IPv4 and
 * IPv6 sockets in one walk of the kernel's connection hash table, where SOCK_DIAG_BY_FAMILY needs
 * one walk per family. That walk covers every bucket whatever the socket count (and the sockets
 * of every network namespace), so it is most of a small table's cost.
 */
export const TCPDIAG_GETSOCK = 18;

// struct inet_diag_req (the older request, 60 bytes): u8 family, u8 src_len, u8 dst_len, u8 ext,
// sockid, u32 states, u32 dbs.
export const LEGACY_REQ_EXT = 3;
export const LEGACY_REQ_STATES = 52;
export const INET_DIAG_REQ_LENGTH = 60;

// struct inet_diag_sockid (48 bytes): be16 sport, be16 dport, be32 src[4], be32 dst[4],
// u32 if, u32 cookie[2]. Offsets within the struct:
export const SOCKID_SPORT = 0;
export const SOCKID_DPORT = 2;
export const SOCKID_SRC = 4;
export const SOCKID_DST = 20;
export const SOCKID_IF = 36;
export const SOCKID_COOKIE = 40;
export const SOCKID_LENGTH = 48;
/** A cookie of all ones: "match by addresses only". */
export const INET_DIAG_NOCOOKIE = 0xffffffff;

// struct inet_diag_req_v2 (56 bytes): u8 family, u8 protocol, u8 ext, u8 pad, u32 states, sockid.
export const REQ_FAMILY = 0;
export const REQ_PROTOCOL = 1;
export const REQ_EXT = 2;
export const REQ_STATES = 4;
export const REQ_SOCKID = 8;
export const INET_DIAG_REQ_V2_LENGTH = 56;

// struct inet_diag_msg (72 bytes): u8 family, u8 state, u8 timer, u8 retrans, sockid,
// u32 expires, u32 rqueue, u32 wqueue, u32 uid, u32 inode; then netlink attributes.
export const MSG_FAMILY = 0;
export const MSG_STATE = 1;
export const MSG_SOCKID = 4;
export const MSG_UID = 64;
export const MSG_INODE = 68;
export const INET_DIAG_MSG_LENGTH = 72;

// Attributes after the message (struct rtattr: u16 len, u16 type, payload padded to 4 bytes).
export const RTA_HDRLEN = 4;
/** enum INET_DIAG_*: the attribute carrying struct tcp_info. */
export const INET_DIAG_INFO = 2;

// TCP states (include/net/tcp_states.h): bit n of idiag_states selects state n.
export const TCP_ESTABLISHED = 1;
export const TCP_SYN_SENT = 2;
export const TCP_SYN_RECV = 3;
export const TCP_FIN_WAIT1 = 4;
export const TCP_FIN_WAIT2 = 5;
export const TCP_TIME_WAIT = 6;
export const TCP_CLOSE = 7;
export const TCP_CLOSE_WAIT = 8;
export const TCP_LAST_ACK = 9;
export const TCP_LISTEN = 10;
export const TCP_CLOSING = 11;
export const TCP_NEW_SYN_RECV = 12;
export const TCP_BOUND_INACTIVE = 13;

/**
 * Every state /proc/net/tcp lists: all but BOUND_INACTIVE (Linux 6.9+), which the kernel dumps
 * only when asked by name and /proc never shows (a bind() without listen or connect). Asking
 * for it would make the two readers disagree and show ports no other tool lists by default.
 */
export const TABLE_STATES = (0xffffffff & ~(1 << TCP_BOUND_INACTIVE)) >>> 0;

/**
 * The states `ss -K` destroys by default (misc/ss.c SS_CONN): connections, not listeners, not
 * TIME_WAIT or half-open request sockets, not CLOSE.
 */
export const CONNECTION_STATES =
  (TABLE_STATES &
    ~(
      (1 << TCP_LISTEN) |
      (1 << TCP_CLOSE) |
      (1 << TCP_TIME_WAIT) |
      (1 << TCP_SYN_RECV) |
      (1 << TCP_NEW_SYN_RECV)
    )) >>>
  0;

// struct tcp_info field offsets (bytes) and the kernel that added each. The kernel copies
// min(sizeof(struct tcp_info) of its build, what fits), so an older kernel sends a shorter
// struct and a newer one a longer: read only fields that lie wholly inside what was sent.
/** u64 tcpi_bytes_acked (Linux 4.1): RFC 4898 tcpEStatsAppHCThruOctetsAcked. */
export const TCPI_BYTES_ACKED = 120;
/** u64 tcpi_bytes_received (Linux 4.1): RFC 4898 tcpEStatsAppHCThruOctetsReceived. */
export const TCPI_BYTES_RECEIVED = 128;
/** u32 tcpi_segs_out (Linux 4.2): RFC 4898 tcpEStatsPerfSegsOut. */
export const TCPI_SEGS_OUT = 136;
/** u32 tcpi_segs_in (Linux 4.2): RFC 4898 tcpEStatsPerfSegsIn. */
export const TCPI_SEGS_IN = 140;
/** u64 tcpi_bytes_sent (Linux 4.19): RFC 4898 tcpEStatsPerfHCDataOctetsOut (retransmits too). */
export const TCPI_BYTES_SENT = 200;
/** u64 tcpi_bytes_retrans (Linux 4.19): RFC 4898 tcpEStatsPerfOctetsRetrans. */
export const TCPI_BYTES_RETRANS = 208;
