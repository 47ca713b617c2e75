// Preferences → General: refresh interval, theme, and what closing the window does.
import { THEMES, type Theme } from '../../../shared/settings';
import { IntervalSelect } from '../interval-select';
import { useUiStore } from '../store';
import { setTheme, setCloseToTray } from '../ui-settings';

const THEME_LABEL: Record<Theme, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

export function GeneralSection() {
  const ui = useUiStore((s) => s.ui);
  return (
    <section className="ps-pref-section" id="pref-general" aria-labelledby="pref-general-h">
      <h3 id="pref-general-h">General</h3>
      <div className="ps-pref-row">
        <label htmlFor="pref-interval">Refresh every</label>
        <IntervalSelect id="pref-interval" />
        <span className="ps-hint">F5 reads the table at once; Pause stops reading.</span>
      </div>
      <fieldset className="ps-pref-row ps-pref-choices">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="ps-check">
            <input
              type="radio"
              name="pref-theme"
              value={theme}
              checked={ui.theme === theme}
              onChange={() => setTheme(theme)}
            />
            <span>{THEME_LABEL[theme]}</span>
          </label>
        ))}
      </fieldset>
      <label className="ps-check ps-pref-row">
        <input
          type="checkbox"
          checked={ui.closeToTray}
          onChange={(e) => setCloseToTray(e.target.checked)}
        />
        <span>
          Closing the window keeps Portscope running in the tray
          <span className="ps-hint">
            The tray icon (the menu bar on macOS) shows the suspicious count and brings the window
            back. Some Linux desktops show no tray icons: starting Portscope again brings the window
            back there.
          </span>
        </span>
      </label>
    </section>
  );
}
