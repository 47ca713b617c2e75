// The window's settings, read (never written) by the command line, so `portscope list` judges
// rows the way the window does: the person's known items, blocklist file, rule switches and port
// lists, and the whois servers they chose. Only those sections are taken: polling, the change
// log, the action confirmations and the window's layout stay the CLI's own (a one-shot `list`
// must not append to the window's change log).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { settingsFromUnknown, type SettingsPatch } from '../../shared/settings';

/** The sections of the window's settings that apply to the command line. */
export const CLI_SETTINGS_SECTIONS = ['rules', 'lookup'] as const;

export interface AppSettingsLocation {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/**
 * Where the window keeps settings.json: Electron's app.getPath('userData'), which is
 * app.getPath('appData') + the product name ("Portscope", package.json productName).
 * appData per OS (https://www.electronjs.org/docs/latest/api/app#appgetpathname):
 *   Linux   $XDG_CONFIG_HOME or ~/.config
 *   macOS   ~/Library/Application Support
 *   Windows %APPDATA% (…\AppData\Roaming)
 * Pure (no process.env, no os.homedir) so every OS's answer is tested on this one.
 */
export function appSettingsPath({ platform, env, home }: AppSettingsLocation): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Portscope', 'settings.json');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Portscope', 'settings.json');
  }
  // Electron (like the XDG spec) ignores a relative XDG_CONFIG_HOME.
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/')
    ? env.XDG_CONFIG_HOME
    : path.posix.join(home, '.config');
  return path.posix.join(configHome, 'Portscope', 'settings.json');
}

export interface LoadedAppSettings {
  /** The sections to apply over the CLI's defaults (empty when there is no file). */
  patch: SettingsPatch;
  /** Sentences for stderr: sections that could not be read and were left at their defaults. */
  problems: string[];
}

/**
 * Read the settings file without changing it (unlike the window, a bad file is not copied aside
 * or rewritten: the window does that the next time it starts). A missing file is the default
 * case for someone who never opened the window; `required` (the file was named with --settings)
 * makes it an error.
 */
export async function readAppSettings(
  file: string,
  options: { required: boolean },
): Promise<LoadedAppSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (options.required) {
      throw new Error(`cannot read the settings file ${file}: ${readProblem(code, error)}`);
    }
    // No window settings here (never opened, or ~ is another user's, e.g. under sudo -u).
    if (code === 'ENOENT' || code === 'ENOTDIR') return { patch: {}, problems: [] };
    return {
      patch: {},
      problems: [
        `cannot read the settings file ${file}: ${readProblem(code, error)}; using the default rules (pass --settings FILE).`,
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    if (options.required) throw new Error(`the settings file ${file} is not valid JSON.`);
    return {
      patch: {},
      problems: [`the settings file ${file} is not valid JSON; using the default rules.`],
    };
  }
  const { settings, rejected } = settingsFromUnknown(raw);
  const patch: SettingsPatch = {};
  for (const section of CLI_SETTINGS_SECTIONS) {
    if (!rejected.includes(section)) Object.assign(patch, { [section]: settings[section] });
  }
  const bad = rejected.filter((name) =>
    (CLI_SETTINGS_SECTIONS as readonly string[]).includes(name),
  );
  const problems = rejected.includes('(file)')
    ? [`the settings file ${file} does not hold Portscope settings; using the defaults.`]
    : bad.length > 0
      ? [`invalid settings in ${file}: ${bad.join(', ')}; using the defaults for those.`]
      : [];
  return { patch, problems };
}

function readProblem(code: unknown, error: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (make it readable by this user)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
