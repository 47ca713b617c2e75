// The CLI inside the packaged Windows app (`Portscope.exe list`): a GUI program starts without a
// console, so Node's stdout goes nowhere. When its output was not redirected (to a file or a
// pipe, which Windows hands over as inherited handles and which then just work), attach to the
// console of the program that started it (cmd.exe, PowerShell) and write to that console's
// screen buffer, CONOUT$. Chosen over shipping a separate console launcher, which would be a
// second native executable to build and sign. One limit (README): cmd.exe does not wait for a
// GUI program, so its prompt may come back before the output; `start /wait` or a redirection waits.
// https://learn.microsoft.com/en-us/windows/console/attachconsole
import { createWriteStream, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import type * as KoffiModule from 'koffi';

const ATTACH_PARENT_PROCESS = 0xffffffff; // (DWORD)-1
const STD_OUTPUT_HANDLE = 0xfffffff5; // (DWORD)-11
const FILE_TYPE_UNKNOWN = 0;

export interface ConsoleStreams {
  stdout: WriteStream;
  stderr: WriteStream;
}

/**
 * Streams on the parent's console, or null when none is needed (output redirected) or there is
 * none (started from Explorer). Windows only.
 */
export function attachParentConsole(): ConsoleStreams | null {
  const koffi = createRequire(import.meta.url)('koffi') as typeof KoffiModule;
  const kernel32 = koffi.load('kernel32.dll');
  const GetStdHandle = kernel32.func('intptr_t __stdcall GetStdHandle(uint32_t which)');
  const GetFileType = kernel32.func('uint32_t __stdcall GetFileType(intptr_t handle)');
  const AttachConsole = kernel32.func('int __stdcall AttachConsole(uint32_t pid)');
  const stdout = GetStdHandle(STD_OUTPUT_HANDLE) as number;
  if (stdout !== 0 && stdout !== -1 && GetFileType(stdout) !== FILE_TYPE_UNKNOWN) return null;
  if (!AttachConsole(ATTACH_PARENT_PROCESS)) return null;
  return { stdout: createWriteStream('CONOUT$'), stderr: createWriteStream('CONOUT$') };
}
