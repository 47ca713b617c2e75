// Native confirmation dialogs show outside text: process names, paths, users, file names, server
// names the page asked for. A right-to-left override (U+202E) makes "gnp.exe" read as "exe.png",
// and a newline inside a name can forge a line of the dialog. Every confirmation main shows goes
// through here (backend.ts wraps the Dialogs it is given), so whatever text a dialog is built
// from, its controls and bidi characters are shown marked (shared/visible-text.ts). The builders
// of action dialogs (actions/describe.ts) also reveal the names they insert, line breaks
// included, so a name cannot add a line; this is the net under every other dialog text.
import { revealControls } from '../../shared/visible-text';
import type { ConfirmRequest, Dialogs } from './context';

/** The dialog's own layout: the builders' line breaks stay. */
const DIALOG_TEXT = { keepLineBreaks: true } as const;

export function revealedConfirmRequest(request: ConfirmRequest): ConfirmRequest {
  return {
    ...request,
    title: revealControls(request.title),
    message: revealControls(request.message, DIALOG_TEXT),
    ...(request.detail === undefined
      ? {}
      : { detail: revealControls(request.detail, DIALOG_TEXT) }),
  };
}

/**
 * The same dialogs, with every confirmation's text revealed. File dialogs are passed as they are:
 * their default path must stay the real path, and the OS's own dialog shows the file names.
 */
export function revealingDialogs(dialogs: Dialogs): Dialogs {
  return {
    confirm: (request) => dialogs.confirm(revealedConfirmRequest(request)),
    saveFile: (request) => dialogs.saveFile(request),
    openFile: (request) => dialogs.openFile(request),
  };
}
