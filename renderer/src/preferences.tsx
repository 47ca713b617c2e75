// Preferences (File/Edit › Preferences, menuCommand 'preferences'): a sheet over the table holding
// the rules settings page. Escape or Close hides it.
import { useEffect } from 'react';
import { RulesSettingsPage } from './features/rules';
import { useUiStore } from './store';

export function openPreferences(): void {
  useUiStore.setState({ preferencesOpen: true });
}

function closePreferences(): void {
  useUiStore.setState({ preferencesOpen: false });
}

export function PreferencesSheet() {
  const open = useUiStore((s) => s.preferencesOpen);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closePreferences();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <div className="preferences-backdrop">
      <section
        className="preferences-sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Preferences"
      >
        <header className="preferences-header">
          <h2>Preferences</h2>
          <button type="button" onClick={closePreferences}>
            Close
          </button>
        </header>
        <RulesSettingsPage />
      </section>
    </div>
  );
}
