import { describe, expect, it } from 'vitest';
import { createBackendFor } from '../../electron/platform';
import { NotSupported } from '../../electron/platform/errors';
import { platformBackendOrReason } from '../../electron/unsupported-platform';

describe('platformBackendOrReason', () => {
  it('passes the real backend through where the OS is supported', () => {
    const { backend, supported } = platformBackendOrReason(
      () => createBackendFor('linux'),
      'linux',
    );
    expect(supported).toBe(true);
    expect(backend.os).toBe('linux');
  });

  it.each(['win32'] as const)(
    'on %s every call fails with the reason instead of throwing at start',
    async (os) => {
      const { backend, supported } = platformBackendOrReason(() => createBackendFor(os), os);
      expect(supported).toBe(false);
      expect(backend.os).toBe(os);
      await expect(backend.readSockets()).rejects.toBeInstanceOf(NotSupported);
      // Off Windows, the Windows backend itself refuses; macOS has none yet.
      await expect(backend.readSockets()).rejects.toThrow(
        os === 'win32' ? /runs on Windows only/ : /only Linux is supported/,
      );
      await expect(backend.readProcessIdentity(1)).rejects.toBeInstanceOf(NotSupported);
      await expect(backend.killProcess(1, 'SIGTERM')).rejects.toBeInstanceOf(NotSupported);
      await expect(
        backend.closeTcp({
          family: 4,
          localAddress: '127.0.0.1',
          localPort: 1,
          remoteAddress: '127.0.0.1',
          remotePort: 2,
        }),
      ).rejects.toBeInstanceOf(NotSupported);
    },
  );

  it('turns a non-Error throw into an Error', async () => {
    const { backend } = platformBackendOrReason(() => {
      throw 'no backend';
    }, 'freebsd');
    expect(backend.os).toBe('linux');
    await expect(backend.readSockets()).rejects.toThrow('no backend');
  });
});
