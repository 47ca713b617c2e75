// THE ONE PLACE where the stand-in maps an app scheme to a web origin, and back.
//
// Electron teaches Chromium a new standard scheme (protocol.registerSchemesAsPrivileged, inside
// Chromium's content layer) so that a page can live at portscope://app/index.html. A stock
// Chromium driven over the DevTools protocol cannot learn one: it never issues a network request
// for an unknown scheme (navigation to portscope://… fails with ERR_ABORTED before any request
// exists, so neither Fetch interception nor Playwright's routing ever sees it; see also
// puppeteer/puppeteer#9683). So a scheme registered as standard and secure is served to
// Chromium as one https origin under the reserved .invalid top-level domain (RFC 2606: it can
// never resolve, and every request to it is answered by the stand-in before any lookup):
//
//     portscope://app/index.html   <->   https://app.portscope.invalid/index.html
//
// Everything the app sees goes through fromPageUrl: the frame URL of an IPC sender, the URL of a
// web contents, of a navigation, of a webRequest detail, and the Request the app's own
// protocol.handle handler answers. Everything the app hands Chromium goes through toPageUrl
// (loadURL). The page itself sees the https URL in `location`; it uses relative URLs only, so it
// does not notice.

const TLD = 'invalid';

/** Schemes registered as standard + secure: the only ones mapped. */
const mappedSchemes = new Set<string>();

export function mapScheme(scheme: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(scheme)) {
    throw new Error(`The stand-in cannot map scheme "${scheme}" to a host name`);
  }
  mappedSchemes.add(scheme);
}

export function isMappedScheme(scheme: string): boolean {
  return mappedSchemes.has(scheme);
}

/** An app URL (portscope://app/x) as the page loads it (https://app.portscope.invalid/x). */
export function toPageUrl(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url;
  const scheme = parsed.protocol.slice(0, -1);
  if (!mappedSchemes.has(scheme)) return url;
  if (parsed.username || parsed.password || parsed.port) {
    throw new Error(`The stand-in maps ${scheme}: URLs without user, password or port: ${url}`);
  }
  return `https://${parsed.hostname}.${scheme}.${TLD}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** A URL the page uses, as the app knows it: mapped origins back to their scheme. */
export function fromPageUrl(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.port !== '') return url;
  const labels = parsed.hostname.split('.');
  if (labels.length < 3 || labels.at(-1) !== TLD) return url;
  const scheme = labels.at(-2)!;
  if (!mappedSchemes.has(scheme)) return url;
  const host = labels.slice(0, -2).join('.');
  return `${scheme}://${host}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The origin Electron reports for a frame at `appUrl` (scheme://host for standard schemes). */
export function originOf(appUrl: string): string {
  const parsed = URL.parse(appUrl);
  if (!parsed) return 'null';
  const scheme = parsed.protocol.slice(0, -1);
  if (mappedSchemes.has(scheme)) return `${scheme}://${parsed.host}`;
  return parsed.origin;
}
