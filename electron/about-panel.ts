// The About box: version, licence, and the IP databases' attribution.
import { app } from 'electron';
import ipDatabaseLicences from '../resources/licenses/ip-databases.txt?raw';
import { iconFile } from './app-files';

export function setAboutPanel(): void {
  app.setAboutPanelOptions({
    applicationName: 'Portscope',
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
    // The IP databases' CC BY 4.0 attribution must be shown to people (issue 4): Linux shows
    // `copyright`, macOS and Windows show `credits` (the full text).
    copyright:
      'MIT licence. IP data: ip-location-db — NRO, RouteViews and "IP Geolocation by DB-IP" ' +
      '(CC BY 4.0). Third-party licences: LICENSES.chromium.html in the install folder.',
    credits: ipDatabaseLicences,
    website: 'https://portscope.invalid',
    iconPath: iconFile,
  });
}
