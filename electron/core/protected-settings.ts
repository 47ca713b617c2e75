// changeProtectedSetting: the only way the page can have a file path, a server or an ask-before
// switch changed (shared/contract/protected-settings.ts). Each request is answered by the person
// in a native dialog that main shows; the page gets the resulting settings, or `changed: false`.
import path from 'node:path';
import type { InvokeHandlers } from '../../shared/contract';
import type {
  ProtectedChange,
  ProtectedChangeResult,
} from '../../shared/contract/protected-settings';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { BackendContext } from './context';

type Context = Pick<BackendContext, 'settings' | 'dialogs' | 'dataDir'>;

/** The confirmation (or file dialog) for one request, and the patch it leads to; null: declined. */
async function decide(change: ProtectedChange, context: Context): Promise<SettingsPatch | null> {
  const { dialogs } = context;
  const current = context.settings.get();
  switch (change.kind) {
    case 'chooseBlocklistFile': {
      const file = await dialogs.openFile({
        title: 'Choose a blocklist file',
        defaultPath: current.rules.blocklistPath ?? undefined,
        filters: [
          { name: 'Blocklists', extensions: ['txt', 'list', 'conf', 'netset', 'ipset'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return file === null ? null : { rules: { ...current.rules, blocklistPath: file } };
    }
    case 'clearBlocklistFile': {
      if (current.rules.blocklistPath === null) return null;
      const answer = await dialogs.confirm({
        title: 'Stop using the blocklist',
        message: 'Stop flagging connections to the addresses in the blocklist?',
        detail: `The file ${current.rules.blocklistPath} is no longer read.`,
        confirmLabel: 'Stop Using It',
      });
      return answer.confirmed ? { rules: { ...current.rules, blocklistPath: null } } : null;
    }
    case 'chooseChangeLogFile': {
      const log = current.export.log;
      const file = await dialogs.saveFile({
        title: 'Log changes to',
        defaultPath: log.path ?? path.join(context.dataDir, `connection-log.${log.format}`),
        filters: [{ name: log.format === 'csv' ? 'CSV' : 'JSON Lines', extensions: [log.format] }],
      });
      return file === null ? null : withLogPath(current, file);
    }
    case 'defaultChangeLogFile':
      return current.export.log.path === null ? null : withLogPath(current, null);
    case 'askBefore': {
      const key = change.action === 'close' ? 'askBeforeClose' : 'askBeforeKill';
      if (current.actions[key] === change.ask) return null;
      // Asking again is always safe; only "stop asking" needs the person's word.
      if (!change.ask) {
        const what = change.action === 'close' ? 'closing connections' : 'ending processes';
        const answer = await dialogs.confirm({
          title: 'Stop asking',
          message: `Stop asking before ${what}?`,
          detail: 'Portscope will act at once on Delete, Ctrl+K and the row menu.',
          confirmLabel: 'Stop Asking',
        });
        if (!answer.confirmed) return null;
      }
      return { actions: { ...current.actions, [key]: change.ask } };
    }
    case 'lookupServers': {
      const next = {
        dnsServers: change.dnsServers,
        whoisServer: change.whoisServer,
        rdapBootstrap: change.rdapBootstrap,
        rdapBootstrapRefreshUrl: change.rdapBootstrapRefreshUrl,
      };
      const lines = describeServerChanges(current, next);
      if (lines.length === 0) return null;
      const answer = await dialogs.confirm({
        title: 'Change lookup servers',
        message: 'Send lookups to these servers from now on?',
        detail: lines.join('\n'),
        confirmLabel: 'Use These Servers',
      });
      return answer.confirmed ? { lookup: { ...current.lookup, ...next } } : null;
    }
  }
}

function withLogPath(current: Settings, file: string | null): SettingsPatch {
  return { export: { ...current.export, log: { ...current.export.log, path: file } } };
}

type ServerFields = Pick<
  Settings['lookup'],
  'dnsServers' | 'whoisServer' | 'rdapBootstrap' | 'rdapBootstrapRefreshUrl'
>;

/** "Whois server: whois.iana.org:43 → 10.0.0.5:43", one line per field that changes. */
function describeServerChanges(current: Settings, next: ServerFields): string[] {
  const shown = (value: string | string[]) => {
    const text = Array.isArray(value) ? value.join(', ') : value;
    return text === '' ? '(default)' : text;
  };
  const labels: [keyof ServerFields, string][] = [
    ['dnsServers', 'DNS servers'],
    ['whoisServer', 'Whois server'],
    ['rdapBootstrap', 'RDAP bootstrap'],
    ['rdapBootstrapRefreshUrl', 'RDAP bootstrap refresh URL'],
  ];
  const lines: string[] = [];
  for (const [key, label] of labels) {
    const before = shown(current.lookup[key]);
    const after = shown(next[key]);
    if (before !== after) lines.push(`${label}: ${before} → ${after}`);
  }
  return lines;
}

export function createProtectedSettingsHandlers(
  context: Context,
): Pick<InvokeHandlers, 'changeProtectedSetting'> {
  return {
    async changeProtectedSetting(change): Promise<ProtectedChangeResult> {
      const patch = await decide(change, context);
      if (patch === null) return { changed: false, settings: context.settings.get() };
      return { changed: true, settings: await context.settings.update(patch) };
    },
  };
}
