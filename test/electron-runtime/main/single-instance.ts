// app.requestSingleInstanceLock as Chromium's process singleton does it on Linux
// (chrome/browser/process_singleton_posix.cc): a `SingletonLock` symlink in the user-data folder
// naming the owner as "<host>-<pid>" (a lock whose owner is dead is taken over), and a socket,
// `SingletonSocket`, that a second instance sends its command line and working folder to. The
// lock is therefore scoped to the user-data folder, as Electron documents: two apps with
// different userData paths never see each other.
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

export type LockResult =
  /** `release` lets go of the lock and the socket (app.releaseSingleInstanceLock). */
  { acquired: true; release: () => void } | { acquired: false; notified: Promise<void> };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Listens for second instances; returns what stops listening and removes the socket. */
function listen(userData: string, onSecondInstance: (message: SecondInstance) => void): () => void {
  // The socket lives in a short temp path and is linked from the user-data folder, as Chromium
  // does: a Unix socket path is limited to 108 bytes.
  const dir = mkdtempSync(path.join(tmpdir(), 'electron-standin-singleton-'));
  const socketPath = path.join(dir, 'SingletonSocket');
  const link = path.join(userData, 'SingletonSocket');
  const server = net.createServer((socket) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!text.endsWith('\n')) return;
      try {
        onSecondInstance(JSON.parse(text) as SecondInstance);
      } finally {
        socket.end('ACK\n');
      }
    });
    socket.on('error', () => undefined);
  });
  server.listen(socketPath);
  server.unref();
  rmSync(link, { force: true });
  symlinkSync(socketPath, link);
  const remove = () => {
    rmSync(link, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return () => {
    process.off('exit', remove);
    server.close();
    remove();
  };
}

function notify(userData: string, message: SecondInstance): Promise<void> {
  const link = path.join(userData, 'SingletonSocket');
  const attempt = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect({ path: link });
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
      socket.on('data', (chunk: string) => {
        answer += chunk;
        if (answer.includes('ACK')) {
          socket.end();
          resolve();
        }
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error('the first instance did not answer')));
    });
  return (async () => {
    // The first instance may be starting its listener right now: retry for a while.
    for (let tries = 0; ; tries++) {
      try {
        await attempt();
        return;
      } catch (error) {
        if (tries >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  })();
}

export function requestLock(
  userData: string,
  onSecondInstance: (message: SecondInstance) => void,
  additionalData: unknown,
): LockResult {
  mkdirSync(userData, { recursive: true });
  const lock = path.join(userData, 'SingletonLock');
  const self = `${hostname()}-${process.pid}`;
  for (let tries = 0; tries < 3; tries++) {
    try {
      symlinkSync(self, lock);
      const unlock = () => {
        try {
          if (readlinkSync(lock) === self) unlinkSync(lock);
        } catch {
          // already gone
        }
      };
      process.on('exit', unlock);
      const stopListening = listen(userData, onSecondInstance);
      return {
        acquired: true,
        release: () => {
          process.off('exit', unlock);
          stopListening();
          unlock();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readlinkSync(lock);
    const dash = owner.lastIndexOf('-');
    const host = owner.slice(0, dash);
    const pid = Number(owner.slice(dash + 1));
    if (host === hostname() && pid !== process.pid && isAlive(pid)) {
      const message: SecondInstance = {
        argv: [...process.argv],
        workingDirectory: process.cwd(),
        additionalData: additionalData ?? null,
      };
      return { acquired: false, notified: notify(userData, message) };
    }
    // Its owner is gone: a stale lock, taken over.
    rmSync(lock, { force: true });
  }
  throw new Error(`Could not take the single-instance lock in ${userData}`);
}
