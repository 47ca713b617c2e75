import { defineConfig } from 'vitest/config';

// Unit tests run on real text captured from this machine; integration tests open real sockets in
// child processes; e2e tests drive the built renderer in Debian's Chromium against the real
// backend. All of them in one run: `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
