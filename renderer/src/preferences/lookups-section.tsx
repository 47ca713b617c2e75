// Preferences → Names and lookups: reverse DNS on or off (saying what that sends where), RDAP,
// and the servers lookups go to. The servers are main's to set: "Change…" sends the new values,
// and main shows them in a native confirmation the person answers.
import { useState } from 'react';
import type { SettingsAccess } from './use-settings';

function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((word) => word !== '');
}

function ServersForm({ access, onDone }: { access: SettingsAccess; onDone(): void }) {
  const lookup = access.settings!.lookup;
  const [dns, setDns] = useState(lookup.dnsServers.join(', '));
  const [whois, setWhois] = useState(lookup.whoisServer);
  const [bootstrap, setBootstrap] = useState(lookup.rdapBootstrap);
  const [refreshUrl, setRefreshUrl] = useState(lookup.rdapBootstrapRefreshUrl);
  const apply = async () => {
    const changed = await access.askMain({
      kind: 'lookupServers',
      dnsServers: splitList(dns),
      whoisServer: whois.trim(),
      rdapBootstrap: bootstrap.trim(),
      rdapBootstrapRefreshUrl: refreshUrl.trim(),
    });
    if (changed) onDone();
  };
  return (
    <form
      className="ps-pref-form"
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      <label>
        DNS servers{' '}
        <span className="ps-hint">empty: the system's; e.g. 192.0.2.53, [2001:db8::53]:53</span>
        <input
          type="text"
          value={dns}
          onChange={(e) => setDns(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        First whois server <span className="ps-hint">host or host:port</span>
        <input
          type="text"
          value={whois}
          onChange={(e) => setWhois(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        RDAP bootstrap{' '}
        <span className="ps-hint">
          empty: the copy shipped with Portscope; or a file or https URL
        </span>
        <input
          type="text"
          value={bootstrap}
          onChange={(e) => setBootstrap(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        Refresh the bootstrap from
        <input
          type="text"
          value={refreshUrl}
          onChange={(e) => setRefreshUrl(e.target.value)}
          spellCheck={false}
        />
      </label>
      <div className="ps-pref-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit">Apply…</button>
      </div>
    </form>
  );
}

export function LookupsSection({ access }: { access: SettingsAccess }) {
  const [editing, setEditing] = useState(false);
  const settings = access.settings;
  if (!settings) return null;
  const lookup = settings.lookup;
  const dnsText = lookup.dnsServers.length > 0 ? lookup.dnsServers.join(', ') : "the system's";
  return (
    <section className="ps-pref-section" id="pref-lookups" aria-labelledby="pref-lookups-h">
      <h3 id="pref-lookups-h">Names and lookups</h3>
      <label className="ps-check ps-pref-row" data-setting="resolveHostNames">
        <input
          type="checkbox"
          checked={lookup.resolveHostNames}
          onChange={(e) =>
            void access.save({ lookup: { ...lookup, resolveHostNames: e.target.checked } })
          }
        />
        <span>
          Look up host names of remote addresses (reverse DNS)
          <span className="ps-hint" data-hint="resolveHostNames">
            Each remote address in the table is sent to{' '}
            {dnsText === "the system's" ? "the system's DNS servers" : `the DNS servers ${dnsText}`}{' '}
            to ask for its name, and the answers fill the Remote Host Name column. Off: no DNS query
            is sent at all. Country and network owner come from databases on this computer either
            way.
          </span>
        </span>
      </label>
      <label className="ps-check ps-pref-row">
        <input
          type="checkbox"
          checked={lookup.rdapEnabled}
          onChange={(e) =>
            void access.save({ lookup: { ...lookup, rdapEnabled: e.target.checked } })
          }
        />
        <span>
          Whois asks RDAP first (HTTPS, structured answers), then port-43 whois
          <span className="ps-hint">
            Whois sends only the address you ask about, to the registry that holds it.
          </span>
        </span>
      </label>
      <div className="ps-pref-row">
        <dl className="ps-pref-values" data-setting="lookupServers">
          <dt>DNS servers</dt>
          <dd>{dnsText}</dd>
          <dt>First whois server</dt>
          <dd>{lookup.whoisServer}</dd>
          <dt>RDAP bootstrap</dt>
          <dd>{lookup.rdapBootstrap || 'the copy shipped with Portscope'}</dd>
        </dl>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Change servers…
          </button>
        )}
      </div>
      {editing && <ServersForm access={access} onDone={() => setEditing(false)} />}
    </section>
  );
}
