// A DNS server on 127.0.0.1 (UDP) for tests: answers PTR queries from a table, and A/AAAA queries
// for the names in it (each name resolving back to its address, as a consistent zone does, unless
// `forward` says otherwise), NXDOMAIN for the rest, and counts every query it receives (so a test
// can prove that none were sent).
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

export interface FakeDnsServer {
  port: number;
  /** "127.0.0.1:PORT", as the dnsServers setting takes it. */
  address: string;
  /** Names asked, in order ("10.2.0.192.in-addr.arpa"). */
  queries: string[];
  close(): Promise<void>;
}

/** "192.0.2.10" → "10.2.0.192.in-addr.arpa" (RFC 1035 §3.5); IPv6 per RFC 3596 §2.5. */
export function reverseName(address: string): string {
  if (!address.includes(':')) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  const groups = address.split('::');
  const head = groups[0] ? groups[0].split(':') : [];
  const tail = groups[1] ? groups[1].split(':') : [];
  const full = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  const nibbles = full.map((g: string) => g.padStart(4, '0')).join('');
  return `${[...nibbles].reverse().join('.')}.ip6.arpa`;
}

export async function startFakeDnsServer(
  ptr: Record<string, string>,
  /** A and AAAA records by name, replacing the ones the PTR table implies (spoofed PTRs). */
  forward: Record<string, string[]> = {},
): Promise<FakeDnsServer> {
  const byName = new Map(Object.entries(ptr).map(([ip, name]) => [reverseName(ip), name]));
  const addresses = new Map<string, string[]>();
  for (const [ip, name] of Object.entries(ptr)) {
    addresses.set(name.toLowerCase(), [...(addresses.get(name.toLowerCase()) ?? []), ip]);
  }
  for (const [name, ips] of Object.entries(forward)) addresses.set(name.toLowerCase(), ips);
  const queries: string[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    queries.push(question.name);
    const answers: dnsPacket.Answer[] = [];
    if (question.type === 'PTR') {
      const name = byName.get(question.name.toLowerCase());
      if (name)
        answers.push({ type: 'PTR', name: question.name, ttl: 300, class: 'IN', data: name });
    } else if (question.type === 'A' || question.type === 'AAAA') {
      const v6 = question.type === 'AAAA';
      for (const ip of addresses.get(question.name.toLowerCase()) ?? []) {
        if (ip.includes(':') !== v6) continue;
        answers.push({ type: question.type, name: question.name, ttl: 300, class: 'IN', data: ip });
      }
    }
    const answer = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (answers.length ? 0 : 3), // 3 = NXDOMAIN
      questions: [question],
      answers,
    });
    socket.send(answer, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
