// A machine without a program the tests run gets the package to install, not "spawn … ENOENT".
import { afterEach, describe, expect, it } from 'vitest';
import { requireTool, requireWrapper } from '../support/required-tools';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe('requireTool', () => {
  it('names the Debian package of a missing program', () => {
    process.env.PATH = '/nonexistent';
    expect(() => requireTool('cc')).toThrow(
      'This test runs cc, which is not installed: install the Debian package gcc (with libc6-dev)',
    );
    expect(() => requireWrapper(['setpriv', '--reuid=65534'])).toThrow(/package util-linux/);
    // A wrapper that is not one of the tools is the caller's business.
    expect(() => requireWrapper(['some-other-wrapper'])).not.toThrow();
  });

  it('passes where the program is installed', () => {
    expect(() => requireTool('mount')).not.toThrow();
  });
});
