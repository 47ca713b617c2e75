// The CSP main sends with the built renderer (electron/content-security-policy.ts, served as a
// response header by electron/app-protocol.ts) must not break the real renderer: load it in
// Chromium through the bridge with that header added to every response, let the grid fill with
// real rows, and expect no CSP violation and no page error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/content-security-policy';
import { openPortscopePage, type PortscopePage } from '../support/bridge';

const policy = contentSecurityPolicy({
  kind: 'app-protocol',
  rendererDir: '/unused',
  url: 'portscope://app/index.html',
});

let portscope: PortscopePage;
let documentPolicy: string | undefined;

beforeAll(async () => {
  portscope = await openPortscopePage({ settings: { poll: { intervalMs: 500, paused: false } } });
  const { page } = portscope;
  await page.context().route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': policy },
    });
  });
  // A string: this file is type-checked without the DOM library.
  await page.addInitScript({
    content: `globalThis.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        globalThis.__cspViolations.push(event.effectiveDirective + ' blocked ' + (event.blockedURI || '(inline)'));
      });`,
  });
  portscope.pageErrors.length = 0;
  // 'commit': the bridge keeps the page busy delivering events, so 'load' may come late.
  const reloaded = await page.reload({ waitUntil: 'commit' });
  documentPolicy = reloaded?.headers()['content-security-policy'];
});

afterAll(async () => {
  await portscope?.close();
});

describe('the renderer under the main-process CSP header', () => {
  it('shows real rows with no CSP violation or page error', async () => {
    const { page } = portscope;
    expect(documentPolicy).toBe(policy);
    await expect
      .poll(() => page.locator('.ag-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const violations = await page.evaluate(
      () => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations,
    );
    // zod probes once whether eval is allowed (caught, and reported as a violation); anything
    // else blocked means the policy broke the page.
    expect(violations.filter((violation) => violation !== 'script-src blocked eval')).toEqual([]);
    expect(portscope.pageErrors).toEqual([]);
  });
});
