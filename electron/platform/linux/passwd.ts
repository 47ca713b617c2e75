// User names for uids, from /etc/passwd (the only user database readable without a helper; users
// from LDAP/SSSD fall back to the uid number as text). Re-read when the file changes.
import fs from 'node:fs';

/**
 * Parse passwd(5) text to uid -> name. The first entry for a uid wins, as getpwuid(3) does.
 *   "root:x:0:0:root:/root:/bin/bash" -> Map { 0 => "root" }
 * Comments, blank lines, NIS "+"/"-" lines and lines with a non-numeric uid are skipped.
 */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) {
      continue;
    }
    const fields = line.split(':');
    if (fields.length < 4 || fields[0] === '') continue;
    const uidText = fields[2]!;
    if (!/^\d+$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names.has(uid)) names.set(uid, fields[0]!);
  }
  return names;
}

export class UserNames {
  private names = new Map<number, string>();
  private loadedMtimeMs: number | null = null;
  private checked = false;

  constructor(private readonly passwdPath = '/etc/passwd') {}

  /** Re-read the file if it changed since the last read (one stat per call). */
  refresh(): void {
    this.checked = true;
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(this.passwdPath).mtimeMs;
    } catch {
      // No passwd file (minimal container): uid numbers it is.
      this.names = new Map();
      this.loadedMtimeMs = null;
      return;
    }
    if (mtimeMs === this.loadedMtimeMs) return;
    try {
      this.names = parsePasswd(fs.readFileSync(this.passwdPath, 'utf8'));
      this.loadedMtimeMs = mtimeMs;
    } catch {
      this.names = new Map();
      this.loadedMtimeMs = null;
    }
  }

  /** The user name for a uid, or the uid as text when it has no entry. */
  nameOf(uid: number): string {
    if (!this.checked) this.refresh();
    return this.names.get(uid) ?? String(uid);
  }
}
