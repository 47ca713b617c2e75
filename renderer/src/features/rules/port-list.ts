// Port lists as people type them in the settings page: "4444, 1337 31337".
export function formatPortList(ports: readonly number[]): string {
  return ports.join(', ');
}

/** The ports, sorted and unique, or the first bad word. */
export function parsePortList(text: string): { ports: number[] } | { error: string } {
  const words = text.split(/[\s,;]+/).filter((word) => word !== '');
  const ports = new Set<number>();
  for (const word of words) {
    const port = /^\d{1,5}$/.test(word) ? Number(word) : NaN;
    if (!(port >= 1 && port <= 65535)) return { error: `"${word}" is not a port (1–65535)` };
    ports.add(port);
  }
  return { ports: [...ports].sort((a, b) => a - b) };
}
