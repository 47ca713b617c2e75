// settings.lookup.hostNamesNoticeShown (issue 13.10): the page may record that the first-run notice
// was answered, and a settings file written before the field existed keeps its lookup section.
import { describe, expect, it } from 'vitest';
import { rendererSettingsPatchSchema, settingsFromUnknown } from '../../shared/settings';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';

describe('hostNamesNoticeShown', () => {
  it('an older settings file without it keeps its lookup choices (the field defaults)', () => {
    const { hostNamesNoticeShown: _omitted, ...older } = defaultLookupSettings;
    const { settings, rejected } = settingsFromUnknown({
      lookup: { ...older, resolveHostNames: false },
    });
    expect(rejected).toEqual([]);
    expect(settings.lookup.resolveHostNames).toBe(false);
    expect(settings.lookup.hostNamesNoticeShown).toBe(false);
  });

  it('the page may set it, and not a server along with it', () => {
    const {
      dnsServers: _d,
      whoisServer: _w,
      rdapBootstrap: _r,
      rdapBootstrapRefreshUrl: _u,
      ...own
    } = defaultLookupSettings;
    const answered = { lookup: { ...own, hostNamesNoticeShown: true, resolveHostNames: false } };
    expect(rendererSettingsPatchSchema.safeParse(answered).success).toBe(true);
    const withServer = { lookup: { ...answered.lookup, dnsServers: ['10.0.0.1'] } };
    expect(rendererSettingsPatchSchema.safeParse(withServer).success).toBe(false);
  });
});
