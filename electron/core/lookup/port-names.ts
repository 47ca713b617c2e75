// Local Port Name / Remote Port Name columns ("https", "ssh") from the services database:
// /etc/services where it exists (Linux, macOS; format in services(5)), over a built-in list of
// common IANA names for systems without one. Ports in the dynamic range 49152–65535 (RFC 6335
// §6) get no name: there they are ephemeral, and a name would mislead.
import { readFileSync } from 'node:fs';
import type { Connection, Protocol } from '../../../shared/model';
import type { Enricher } from '../context';

export type ServicesTable = Map<string, string>;

const DYNAMIC_PORTS_START = 49152;

/** IANA service names of ports people meet daily (https://www.iana.org/assignments/service-names-port-numbers). */
const BUILT_IN: [number, string, Protocol[]][] = [
  [20, 'ftp-data', ['tcp']],
  [21, 'ftp', ['tcp']],
  [22, 'ssh', ['tcp']],
  [23, 'telnet', ['tcp']],
  [25, 'smtp', ['tcp']],
  [53, 'domain', ['tcp', 'udp']],
  [67, 'bootps', ['udp']],
  [68, 'bootpc', ['udp']],
  [69, 'tftp', ['udp']],
  [80, 'http', ['tcp', 'udp']],
  [88, 'kerberos', ['tcp', 'udp']],
  [110, 'pop3', ['tcp']],
  [123, 'ntp', ['udp']],
  [135, 'epmap', ['tcp', 'udp']],
  [137, 'netbios-ns', ['udp']],
  [138, 'netbios-dgm', ['udp']],
  [139, 'netbios-ssn', ['tcp']],
  [143, 'imap', ['tcp']],
  [161, 'snmp', ['udp']],
  [162, 'snmp-trap', ['udp']],
  [389, 'ldap', ['tcp', 'udp']],
  [443, 'https', ['tcp', 'udp']],
  [445, 'microsoft-ds', ['tcp']],
  [465, 'submissions', ['tcp']],
  [500, 'isakmp', ['udp']],
  [514, 'syslog', ['udp']],
  [515, 'printer', ['tcp']],
  [587, 'submission', ['tcp']],
  [631, 'ipp', ['tcp', 'udp']],
  [636, 'ldaps', ['tcp']],
  [853, 'domain-s', ['tcp', 'udp']],
  [873, 'rsync', ['tcp']],
  [993, 'imaps', ['tcp']],
  [995, 'pop3s', ['tcp']],
  [1194, 'openvpn', ['tcp', 'udp']],
  [1433, 'ms-sql-s', ['tcp']],
  [1723, 'pptp', ['tcp']],
  [1883, 'mqtt', ['tcp']],
  [1900, 'ssdp', ['udp']],
  [2049, 'nfs', ['tcp', 'udp']],
  [3306, 'mysql', ['tcp']],
  [3389, 'ms-wbt-server', ['tcp', 'udp']],
  [4500, 'ipsec-nat-t', ['udp']],
  [5060, 'sip', ['tcp', 'udp']],
  [5222, 'xmpp-client', ['tcp']],
  [5353, 'mdns', ['udp']],
  [5432, 'postgresql', ['tcp']],
  [5900, 'rfb', ['tcp']],
  [6379, 'redis', ['tcp']],
  [8080, 'http-alt', ['tcp']],
  [8443, 'https-alt', ['tcp']],
  [9100, 'jetdirect', ['tcp']],
  [27017, 'mongodb', ['tcp']],
];

/** Parse services(5) text: "name port/protocol [aliases…] [# comment]". */
export function parseServices(text: string): ServicesTable {
  const table: ServicesTable = new Map();
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2) continue;
    const match = /^(\d{1,5})\/(tcp|udp)$/i.exec(fields[1]!);
    if (!match) continue;
    const key = `${match[2]!.toLowerCase()}/${Number(match[1])}`;
    if (!table.has(key)) table.set(key, fields[0]!); // first entry wins, as getservbyport does
  }
  return table;
}

export function builtInServices(): ServicesTable {
  const table: ServicesTable = new Map();
  for (const [port, name, protocols] of BUILT_IN) {
    for (const protocol of protocols) table.set(`${protocol}/${port}`, name);
  }
  return table;
}

/** The built-in list overlaid with the system's services file, when one can be read. */
export function loadServicesTable(file = '/etc/services'): ServicesTable {
  const table = builtInServices();
  try {
    for (const [key, name] of parseServices(readFileSync(file, 'utf8'))) table.set(key, name);
  } catch {
    // no services file (Windows) or unreadable: the built-in list serves
  }
  return table;
}

export function portName(
  table: ServicesTable,
  protocol: Protocol,
  port: number | null,
): string | null {
  if (port === null || port <= 0 || port >= DYNAMIC_PORTS_START) return null;
  return table.get(`${protocol}/${port}`) ?? null;
}

export function createPortNameEnricher(table: ServicesTable = loadServicesTable()): Enricher {
  return {
    name: 'port-names',
    enrich(row: Connection) {
      row.localPortName = portName(table, row.protocol, row.localPort);
      row.remotePortName = portName(table, row.protocol, row.remotePort);
    },
  };
}
