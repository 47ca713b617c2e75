// Which source a whois answer came from, as far as the person chose it: RDAP on or off and the
// bootstrap it starts from, and the first port-43 server. The cache keeps answers per source, so
// `portscope whois --whois-server other.example 8.8.8.8`, a custom `--rdap-bootstrap`, or changed
// lookup settings ask that source instead of repeating another one's cached answer.
import type { LookupSettings } from '../../../shared/whois/lookup-settings';

export function whoisSourceKey(settings: LookupSettings): string {
  return JSON.stringify({
    rdap: settings.rdapEnabled ? settings.rdapBootstrap.trim() || 'shipped' : null,
    whois: settings.whoisServer.trim().toLowerCase(),
  });
}
