// Preferences (File/Edit › Preferences, menuCommand 'preferences'): a sheet over the table holding
// the rules settings page. Escape or Close hides it.
import { RulesSettingsPage } from './features/rules';
import { ModalSheet } from './panel/modal-sheet';
import { useUiStore } from './store';

export function openPreferences(): void {
  useUiStore.setState({ preferencesOpen: true });
}

function closePreferences(): void {
  useUiStore.setState({ preferencesOpen: false });
}

export function PreferencesSheet() {
  const open = useUiStore((s) => s.preferencesOpen);
  if (!open) return null;
  return (
    <ModalSheet
      title="Preferences"
      onClose={closePreferences}
      className="preferences-sheet"
      backdropClassName="preferences-backdrop"
      modal
      closeInHeader
    >
      <RulesSettingsPage />
    </ModalSheet>
  );
}
