// The first-run notice about host names (issue 13.10), in the whole app: shown while it has not
// been answered, it says that addresses are looked up and where, its answer is saved (turning
// lookups off here), and it does not come back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';

let portscope: PortscopePage;

beforeAll(async () => {
  portscope = await openPortscopePage({
    // Lookups on, as on a first run (the DNS server named is a closed loopback port: no traffic).
    resolveNames: true,
    settings: {
      poll: { intervalMs: 2000, paused: true },
      lookup: { ...defaultLookupSettings, dnsServers: ['127.0.0.1:5353'] },
    },
  });
}, 180_000);

afterAll(async () => {
  await portscope?.close();
});

it('says on first run that names are looked up, and remembers the answer', async () => {
  const { page, settings } = portscope;
  const notice = page.locator('.host-names-notice');
  await notice.waitFor();
  const text = (await notice.textContent()) ?? '';
  expect(text).toContain('Host names are looked up.');
  expect(text).toContain('the DNS servers set in Preferences (127.0.0.1:5353)');
  expect(text).toContain('A name is shown only when it leads back to the same address.');

  await notice.getByRole('button', { name: 'Turn Off' }).click();
  await notice.waitFor({ state: 'detached' });
  await expect.poll(async () => (await settings.get()).lookup.hostNamesNoticeShown).toBe(true);
  const lookup = (await settings.get()).lookup;
  expect(lookup.resolveHostNames).toBe(false);
  // The servers stay main's: the page's answer did not touch them.
  expect(lookup.dnsServers).toEqual(['127.0.0.1:5353']);

  await page.reload();
  await page.locator('.ag-root').waitFor();
  expect(await page.locator('.host-names-notice').count()).toBe(0);
  expect(portscope.pageErrors).toEqual([]);
});
