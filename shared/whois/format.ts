// The summary as label/value lines, in one order for the panel and the CLI's text output.
import type { WhoisSummary } from './types';

export function whoisSummaryLines(summary: WhoisSummary): [label: string, value: string][] {
  const lines: [string, string][] = [['Address', summary.address]];
  if (summary.source === 'local') {
    lines.push(['Owner', `none: ${summary.specialRange ?? 'special range'} (no public owner)`]);
    return lines;
  }
  const add = (label: string, value: string | null) => {
    if (value) lines.push([label, value]);
  };
  add('Network', summary.networkName);
  add('Range', summary.range);
  if (summary.cidr.length > 0 && summary.cidr.join(', ') !== summary.range) {
    lines.push(['CIDR', summary.cidr.join(', ')]);
  }
  add('Organisation', summary.organisation);
  add('Country', summary.country);
  add('Abuse contact', summary.abuseContact);
  add('Registry', summary.registry);
  const via = summary.source === 'rdap' ? 'RDAP' : 'whois';
  lines.push([
    'Source',
    `${via} (${summary.servers.join(' → ')})${summary.fromCache ? ', cached' : ''}` +
      (summary.truncated ? ', reply truncated' : ''),
  ]);
  return lines;
}
