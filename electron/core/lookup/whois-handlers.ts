// The `whois` invoke handler: one lookup service per backend, reading the `lookup` settings live
// so a changed server or timeout applies to the next lookup.
import type { InvokeHandlers } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { createWhoisService, type WhoisService } from './whois-service';

export function createWhoisHandlers(
  context: Pick<BackendContext, 'settings' | 'dataDir'>,
  service: WhoisService = createWhoisService({
    dataDir: context.dataDir,
    settings: () => context.settings.get().lookup,
  }),
): Pick<InvokeHandlers, 'whois'> {
  return {
    whois: (address) => service.lookup(address),
  };
}
