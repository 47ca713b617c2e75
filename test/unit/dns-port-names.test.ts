// Port names from Debian 12's /etc/services (captured in test/fixtures/services) and the
// built-in list used where no services file exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInServices,
  createPortNameEnricher,
  parseServices,
  portName,
} from '../../electron/core/lookup/port-names';
import type { Connection } from '../../shared/model';

const debian = parseServices(
  readFileSync(path.join(__dirname, '../fixtures/services/debian-12-etc-services.txt'), 'utf8'),
);

describe('services table', () => {
  it('reads services(5) lines, per protocol', () => {
    expect(portName(debian, 'tcp', 22)).toBe('ssh');
    expect(portName(debian, 'tcp', 443)).toBe('https');
    expect(portName(debian, 'udp', 53)).toBe('domain');
    expect(portName(debian, 'udp', 123)).toBe('ntp');
    expect(portName(debian, 'tcp', 5432)).toBe('postgresql');
    expect(portName(debian, 'udp', 22)).toBeNull(); // ssh is tcp only in Debian's file
  });

  it('names nothing in the dynamic range (ephemeral ports), nor port 0', () => {
    expect(debian.get('tcp/60179')).toBe('fido'); // in the file…
    expect(portName(debian, 'tcp', 60179)).toBeNull(); // …but not shown
    expect(portName(debian, 'tcp', 0)).toBeNull();
    expect(portName(debian, 'tcp', null)).toBeNull();
  });

  it('parses aliases and comments, first entry wins', () => {
    const table = parseServices(
      'http 80/tcp www # WorldWideWeb\nalt 80/tcp\n# 81/tcp x\nbad line\n',
    );
    expect([...table]).toEqual([['tcp/80', 'http']]);
  });

  it('has a built-in list for systems without /etc/services', () => {
    const table = builtInServices();
    expect(portName(table, 'tcp', 3389)).toBe('ms-wbt-server');
    expect(portName(table, 'udp', 5353)).toBe('mdns');
  });

  it('fills both columns of a row', () => {
    const enricher = createPortNameEnricher(debian);
    const row = { protocol: 'tcp', localPort: 51514, remotePort: 443 } as Connection;
    enricher.enrich(row);
    expect(row.localPortName).toBeNull();
    expect(row.remotePortName).toBe('https');
  });
});
