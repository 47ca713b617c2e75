// Preferences (File/Edit › Preferences…, Ctrl+,): everything a person can set, in one sheet whose
// header and section list stay in place while the sections scroll. What the page may set is saved
// at once; what only main may set (files, servers, ask-before switches) goes through main's native
// dialogs (use-settings.ts).
import { RulesSettingsPage } from '../features/rules/rules-settings-page';
import { registerMenuCommand } from '../menu-commands';
import { ModalSheet } from '../panel/modal-sheet';
import { useUiStore } from '../store';
import { ActionsSection } from './actions-section';
import { ColumnsSection } from './columns-section';
import { GeneralSection } from './general-section';
import { LookupsSection } from './lookups-section';
import { useSettings } from './use-settings';
import './preferences.css';

const SECTIONS: [id: string, title: string][] = [
  ['pref-general', 'General'],
  ['pref-lookups', 'Names and lookups'],
  ['pref-notifications', 'Notifications'],
  ['pref-rules', 'Suspicion rules'],
  ['pref-ports', 'Ports'],
  ['pref-blocklist', 'Blocklist'],
  ['pref-known', 'Known items'],
  ['pref-actions', 'Actions and logging'],
  ['pref-columns', 'Columns'],
];

export function openPreferences(): void {
  useUiStore.setState({ preferencesOpen: true });
}

function closePreferences(): void {
  useUiStore.setState({ preferencesOpen: false });
}

export function registerPreferencesMenuCommand(): () => void {
  return registerMenuCommand('preferences', openPreferences);
}

function PreferencesBody() {
  const access = useSettings();
  return (
    <div className="ps-pref-layout">
      <nav className="ps-pref-nav" aria-label="Sections">
        {SECTIONS.map(([id, title]) => (
          <button
            key={id}
            type="button"
            onClick={() => document.getElementById(id)?.scrollIntoView({ block: 'start' })}
          >
            {title}
          </button>
        ))}
      </nav>
      <div className="ps-pref-body">
        <GeneralSection />
        <LookupsSection access={access} />
        <RulesSettingsPage />
        <ActionsSection access={access} />
        <ColumnsSection />
      </div>
    </div>
  );
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
      <PreferencesBody />
    </ModalSheet>
  );
}
