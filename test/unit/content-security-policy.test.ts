// The CSP main sends with the renderer's responses.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('built app: nothing by default, scripts only from our files, no eval, no network', () => {
    const policy = directives(
      contentSecurityPolicy({
        kind: 'app-protocol',
        rendererDir: '/app/out/renderer',
        url: 'portscope://app/index.html',
      }),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all.filter((source) => /^(https?|wss?):/.test(source))).toEqual([]);
  });

  it('dev server: adds only that origin and its hot-reload socket', () => {
    const policy = directives(
      contentSecurityPolicy({
        kind: 'dev-server',
        origin: 'http://localhost:5173',
        url: 'http://localhost:5173/',
      }),
    );
    expect(policy.get('script-src')).toContain('http://localhost:5173');
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
  });
});
