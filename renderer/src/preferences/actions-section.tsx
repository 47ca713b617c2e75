// Preferences → Actions and logging: the ask-before switches (main's: stopping to ask is
// confirmed in a native dialog) and "Log changes" (on/off and format are the page's; the file is
// chosen in main's native save dialog).
import type { SettingsAccess } from './use-settings';

export function ActionsSection({ access }: { access: SettingsAccess }) {
  const settings = access.settings;
  if (!settings) return null;
  const { actions } = settings;
  const log = settings.export.log;
  return (
    <section className="ps-pref-section" id="pref-actions" aria-labelledby="pref-actions-h">
      <h3 id="pref-actions-h">Actions and logging</h3>
      <label className="ps-check ps-pref-row" data-setting="askBeforeClose">
        <input
          type="checkbox"
          checked={actions.askBeforeClose}
          onChange={(e) =>
            void access.askMain({ kind: 'askBefore', action: 'close', ask: e.target.checked })
          }
        />
        <span>Ask before closing connections</span>
      </label>
      <label className="ps-check ps-pref-row" data-setting="askBeforeKill">
        <input
          type="checkbox"
          checked={actions.askBeforeKill}
          onChange={(e) =>
            void access.askMain({ kind: 'askBefore', action: 'kill', ask: e.target.checked })
          }
        />
        <span>
          Ask before ending processes
          <span className="ps-hint">Turning a question off is confirmed in a dialog.</span>
        </span>
      </label>
      <label className="ps-check ps-pref-row" data-setting="logChanges">
        <input
          type="checkbox"
          checked={log.enabled}
          onChange={(e) =>
            void access.save({
              export: { ...settings.export, log: { ...log, enabled: e.target.checked } },
            })
          }
        />
        <span>Log changes: append every opened and closed connection to a file</span>
      </label>
      <div className="ps-pref-row ps-pref-indent">
        <label htmlFor="pref-log-format">Format</label>
        <select
          id="pref-log-format"
          value={log.format}
          onChange={(e) =>
            void access.save({
              export: {
                ...settings.export,
                log: { ...log, format: e.target.value as typeof log.format },
              },
            })
          }
        >
          <option value="jsonl">JSON Lines</option>
          <option value="csv">CSV</option>
        </select>
      </div>
      <div className="ps-pref-row ps-pref-indent ps-file-setting">
        <span className="ps-file-path" data-setting="changeLogPath">
          {log.path ?? `connection-log.${log.format} in Portscope's data folder`}
        </span>
        <button type="button" onClick={() => void access.askMain({ kind: 'chooseChangeLogFile' })}>
          Choose file…
        </button>
        {log.path !== null && (
          <button
            type="button"
            onClick={() => void access.askMain({ kind: 'defaultChangeLogFile' })}
          >
            Use the default
          </button>
        )}
      </div>
    </section>
  );
}
