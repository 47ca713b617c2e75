// First run: say that remote addresses are looked up in DNS, and let the person keep it or turn it
// off (issue 13.10). Reverse DNS is on by default because names are what make the table readable
// (TCPView and CurrPorts show them too), but each lookup tells the resolver, and the operator of
// the address's reverse zone, which addresses this computer talks to. The notice shows once; its
// answer is remembered in settings.lookup.hostNamesNoticeShown. Self-contained (its own styles),
// mounted with one line in app.tsx.
import { useEffect, useState, type CSSProperties } from 'react';
import { toRendererPatch, type Settings } from '../../../../shared/settings';
import { callMain } from '../../call-main';

const banner: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: '12px',
  padding: '8px 12px',
  background: '#fff8e1',
  color: '#3e2f00',
  borderBottom: '1px solid #e0c060',
  fontSize: '13px',
  lineHeight: 1.4,
};
const buttons: CSSProperties = { display: 'flex', gap: '8px', flex: 'none' };

export function HostNamesNotice() {
  const [lookup, setLookup] = useState<Settings['lookup'] | null>(null);

  useEffect(() => {
    let live = true;
    void callMain(() => window.portscope.getSettings()).then((settings) => {
      if (live && settings && !settings.lookup.hostNamesNoticeShown) setLookup(settings.lookup);
    });
    return () => {
      live = false;
    };
  }, []);

  if (lookup === null) return null;

  const answer = (resolveHostNames: boolean) => {
    setLookup(null);
    const { lookup: own } = toRendererPatch({ lookup });
    void callMain(() =>
      window.portscope.updateSettings({
        lookup: { ...own!, resolveHostNames, hostNamesNoticeShown: true },
      }),
    );
  };
  const servers =
    lookup.dnsServers.length > 0
      ? `the DNS servers set in Preferences (${lookup.dnsServers.join(', ')})`
      : "this computer's DNS resolver";

  return (
    <div className="host-names-notice" role="region" aria-label="Host names" style={banner}>
      <div style={{ flex: 1 }}>
        <strong>Host names are looked up.</strong>{' '}
        {lookup.resolveHostNames
          ? `Portscope asks ${servers} for the name of every remote address it shows (reverse DNS). `
          : 'Looking up the names of remote addresses (reverse DNS) is off. '}
        The resolver, and whoever runs the reverse zone of each address, can see which addresses
        this computer talks to. A name is shown only when it leads back to the same address.
      </div>
      <div style={buttons}>
        <button type="button" onClick={() => answer(true)}>
          {lookup.resolveHostNames ? 'Keep Looking Up Names' : 'Look Up Names'}
        </button>
        <button type="button" onClick={() => answer(false)}>
          {lookup.resolveHostNames ? 'Turn Off' : 'Keep Off'}
        </button>
      </div>
    </div>
  );
}
