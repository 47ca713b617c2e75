// Settings the renderer cannot write (shared/settings.ts, rendererSettingsPatchSchema): file
// paths, servers and the ask-before switches. The page can only ask; main decides with the person
// through a native dialog (a file chooser, or a confirmation that shows the exact new value), so a
// compromised page cannot change them behind the person's back.
import { z } from 'zod';
import type { Settings } from '../settings';
import { hostPortSchema } from '../whois/lookup-settings';
import { invoke } from './define';

export const protectedChangeSchema = z.discriminatedUnion('kind', [
  /** Pick the blocklist file in a native open dialog. */
  z.object({ kind: z.literal('chooseBlocklistFile') }).strict(),
  /** Stop using a blocklist (confirmed: it removes a protection). */
  z.object({ kind: z.literal('clearBlocklistFile') }).strict(),
  /** Pick the change log's file in a native save dialog. */
  z.object({ kind: z.literal('chooseChangeLogFile') }).strict(),
  /** Log to the default file in the user-data folder again. */
  z.object({ kind: z.literal('defaultChangeLogFile') }).strict(),
  /**
   * Ask (or stop asking) before closing connections or ending processes. Asking again needs no
   * dialog; not asking is confirmed.
   */
  z
    .object({
      kind: z.literal('askBefore'),
      action: z.enum(['close', 'kill']),
      ask: z.boolean(),
    })
    .strict(),
  /** Where lookups go: confirmed with the new values shown. */
  z
    .object({
      kind: z.literal('lookupServers'),
      dnsServers: z.array(hostPortSchema).max(8),
      whoisServer: hostPortSchema,
      rdapBootstrap: z.string().max(2000),
      rdapBootstrapRefreshUrl: z.string().max(2000),
    })
    .strict(),
]);
export type ProtectedChange = z.infer<typeof protectedChangeSchema>;

export interface ProtectedChangeResult {
  /** False when the person cancelled the dialog (or nothing would change). */
  changed: boolean;
  settings: Settings;
}

export const protectedSettingsInvokes = {
  changeProtectedSetting: invoke<ProtectedChangeResult>()(z.tuple([protectedChangeSchema])),
};
