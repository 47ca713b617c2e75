// Dialogs for tests that never expect a question: every confirmation is declined and every save
// dialog cancelled, so an unexpected prompt can never lead to an action.
import type { Dialogs } from '../../electron/core/context';

export const refusingDialogs: Dialogs = {
  confirm: async () => ({ confirmed: false, checkboxChecked: false }),
  saveFile: async () => null,
  openFile: async () => null,
};
