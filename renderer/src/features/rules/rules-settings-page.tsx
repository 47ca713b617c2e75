// Preferences' rules sections: each rule on/off with its explanation (rules for other operating
// systems are not listed as if they applied here), notifications, the port lists, the blocklist
// file and its status, and the known items (forget, with undo). Everything is saved at once
// through updateSettings / forgetKnown / markKnown; main re-judges every row. The blocklist file
// is main's to set: Choose… and Stop Using ask main, which asks the person.
import { useCallback, useEffect, useState } from 'react';
import type { KnownItem, RulesInfo, RulesSettings } from '../../../../shared/contract/rules';
import { describeKnownItem } from '../../../../shared/rules/known-items';
import { toRendererPatch } from '../../../../shared/settings';
import { callMain, reportError } from '../../call-main';
import { RevealedText } from '../../text/revealed-text';
import { formatPortList, parsePortList } from './port-list';
import { SEVERITY_LABEL } from './severity';
import { SeverityMark } from './severity-mark';
import './rules.css';

function PortListField(props: {
  label: string;
  hint: string;
  ports: number[];
  onSave(ports: number[]): void;
}) {
  const [text, setText] = useState(formatPortList(props.ports));
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const parsed = parsePortList(text);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    props.onSave(parsed.ports);
  };
  return (
    <label className="ps-pref-field">
      <span>{props.label}</span>
      <input
        type="text"
        value={text}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
      />
      <span className="ps-hint">{props.hint}</span>
      {error && <span className="ps-error">{error}</span>}
    </label>
  );
}

export function RulesSettingsPage() {
  const [info, setInfo] = useState<RulesInfo | null>(null);
  const [forgotten, setForgotten] = useState<KnownItem | null>(null);
  const show = useCallback((next: RulesInfo) => setInfo(next), []);
  const load = useCallback(async () => {
    const next = await callMain(() => window.portscope.getRulesInfo());
    if (next) show(next);
  }, [show]);
  useEffect(() => {
    let live = true;
    window.portscope.getRulesInfo().then((next) => live && show(next), reportError);
    return () => {
      live = false;
    };
  }, [show]);

  if (!info) return <div className="ps-rules-page ps-hint">Loading rules…</div>;
  const settings = info.settings;

  const save = async (patch: Partial<RulesSettings>) => {
    const saved = await callMain(() =>
      window.portscope.updateSettings(toRendererPatch({ rules: { ...settings, ...patch } })),
    );
    if (saved) await load();
  };
  const changeBlocklist = async (kind: 'chooseBlocklistFile' | 'clearBlocklistFile') => {
    const result = await callMain(() => window.portscope.changeProtectedSetting({ kind }));
    if (result?.changed) await load();
  };
  const forget = async (item: KnownItem) => {
    const next = await callMain(() => window.portscope.forgetKnown(item));
    if (next) {
      setInfo(next);
      setForgotten(item);
    }
  };
  const undoForget = async () => {
    if (!forgotten) return;
    const next = await callMain(() => window.portscope.markKnown(forgotten));
    if (next) {
      setInfo(next);
      setForgotten(null);
    }
  };

  const blocklist = info.blocklist;
  const here = info.rules.filter((rule) => rule.appliesHere);
  const elsewhere = info.rules.length - here.length;
  return (
    <div className="ps-rules-page" aria-label="Suspicion rules">
      <section className="ps-pref-section" id="pref-notifications">
        <h3>Notifications</h3>
        <label className="ps-check ps-pref-row" data-setting="notifications">
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(e) => void save({ notifications: e.target.checked })}
          />
          <span>
            Desktop notification when a new suspicious connection appears
            <span className="ps-hint">
              Warning and danger only; at most one per process per minute.
            </span>
          </span>
        </label>
      </section>

      <section className="ps-pref-section" id="pref-rules">
        <h3>Suspicion rules</h3>
        {here.map((rule) => (
          <label key={rule.id} className="ps-rule" data-rule={rule.id}>
            <input
              type="checkbox"
              checked={rule.enabled}
              onChange={(e) =>
                void save({ enabled: { ...settings.enabled, [rule.id]: e.target.checked } })
              }
            />
            <span className="ps-rule-title">
              <SeverityMark severity={rule.severity} decorative /> {rule.title}{' '}
              <span className={`ps-severity-${rule.severity}`}>
                {SEVERITY_LABEL[rule.severity].toLowerCase()}
              </span>
            </span>
            <span className="ps-rule-explanation">{rule.explanation}</span>
          </label>
        ))}
        {elsewhere > 0 && (
          <p className="ps-hint" data-hint="rules-elsewhere">
            {elsewhere === 1 ? 'One rule applies' : `${elsewhere} rules apply`} only on other
            operating systems and {elsewhere === 1 ? 'is' : 'are'} not listed.
          </p>
        )}
      </section>

      <section className="ps-pref-section" id="pref-ports">
        <h3>Ports</h3>
        <PortListField
          key={`backdoor:${formatPortList(settings.backdoorPorts)}`}
          label="Backdoor and C2 ports"
          hint="A listener on, or a connection to, one of these is flagged (warning)."
          ports={settings.backdoorPorts}
          onSave={(ports) => void save({ backdoorPorts: ports })}
        />
        <PortListField
          key={`expected:${formatPortList(settings.expectedListenerPorts)}`}
          label="Expected ports on all interfaces"
          hint="A listener on 0.0.0.0 or :: on any other port gets a notice."
          ports={settings.expectedListenerPorts}
          onSave={(ports) => void save({ expectedListenerPorts: ports })}
        />
      </section>

      <section className="ps-pref-section" id="pref-blocklist">
        <h3>Blocklist file</h3>
        <div className="ps-file-setting">
          {settings.blocklistPath === null ? (
            <span className="ps-hint" data-setting="blocklistPath">
              None. A blocklist is a text file of IP addresses and CIDR ranges, one per line, # for
              comments.
            </span>
          ) : (
            <span className="ps-file-path" data-setting="blocklistPath">
              <RevealedText text={settings.blocklistPath} />
            </span>
          )}
          <button type="button" onClick={() => void changeBlocklist('chooseBlocklistFile')}>
            Choose…
          </button>
          {settings.blocklistPath !== null && (
            <button type="button" onClick={() => void changeBlocklist('clearBlocklistFile')}>
              Stop Using
            </button>
          )}
        </div>
        <div className="ps-hint" data-status="blocklist">
          {blocklist.path === null
            ? 'No blocklist.'
            : (blocklist.error ??
              `${blocklist.entries} addresses and ranges; reloaded when the file changes.`)}
        </div>
        {blocklist.problems.map((problem) => (
          <div key={problem.line} className="ps-error">
            Line {problem.line}: {problem.text} — {problem.message} (skipped)
          </div>
        ))}
      </section>

      <section className="ps-pref-section" id="pref-known">
        <h3>Known items</h3>
        {forgotten && (
          <div>
            Forgot <RevealedText text={describeKnownItem(forgotten)} />.
            <button type="button" className="ps-undo" onClick={() => void undoForget()}>
              Undo
            </button>
          </div>
        )}
        {settings.known.length === 0 ? (
          <div className="ps-hint">
            Nothing marked as known yet. Right-click a flagged row → Mark as known.
          </div>
        ) : (
          <ul>
            {settings.known.map((item) => (
              <li key={JSON.stringify(item)}>
                <RevealedText text={describeKnownItem(item)} />{' '}
                <button type="button" onClick={() => void forget(item)}>
                  Forget
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
