// The version resource of an executable (what Explorer's Details tab and CurrPorts show: company,
// product, description, version), decoded from the block GetFileVersionInfoW returns. Pure.
//
// The block is a tree of nodes, each laid out as (VS_VERSIONINFO, StringFileInfo, StringTable,
// String, VarFileInfo, Var all share it):
//   WORD wLength; WORD wValueLength; WORD wType; WCHAR szKey[] (NUL-terminated);
//   padding to a 32-bit boundary; Value; padding to a 32-bit boundary; Children[]
// wType 1 means text (wValueLength counts WCHARs), 0 binary (counts bytes). The root's key is
// "VS_VERSION_INFO" and its value a VS_FIXEDFILEINFO (signature 0xFEEF04BD); its children are
// StringFileInfo (one StringTable per language, key "040904b0" = language 0409, code page 04b0)
// and VarFileInfo (whose "Translation" value lists the language/code-page pairs).
// https://learn.microsoft.com/en-us/windows/win32/menurc/vs-versioninfo
// https://learn.microsoft.com/en-us/windows/win32/menurc/stringfileinfo
// https://learn.microsoft.com/en-us/windows/win32/api/verrsrc/ns-verrsrc-vs_fixedfileinfo

export interface VersionInfo {
  company: string | null;
  productName: string | null;
  fileDescription: string | null;
  fileVersion: string | null;
}

export const NO_VERSION_INFO: VersionInfo = {
  company: null,
  productName: null,
  fileDescription: null,
  fileVersion: null,
};

const VS_FFI_SIGNATURE = 0xfeef04bd;

interface VersionNode {
  key: string;
  type: number;
  valueOffset: number;
  /** wValueLength as stored (characters for text, bytes for binary). */
  valueLength: number;
  end: number;
  children: VersionNode[];
}

const align4 = (offset: number) => (offset + 3) & ~3;

function readKey(bytes: Uint8Array, offset: number, end: number): { key: string; end: number } {
  let key = '';
  let at = offset;
  while (at + 1 < end) {
    const unit = bytes[at]! | (bytes[at + 1]! << 8);
    at += 2;
    if (unit === 0) return { key, end: at };
    key += String.fromCharCode(unit);
  }
  return { key, end: at };
}

/** One node at `offset` (null when it does not fit inside `limit`), with its children. */
function parseNode(
  bytes: Uint8Array,
  offset: number,
  limit: number,
  depth = 0,
): VersionNode | null {
  if (offset + 6 > limit || depth > 4) return null;
  const length = bytes[offset]! | (bytes[offset + 1]! << 8);
  const valueLength = bytes[offset + 2]! | (bytes[offset + 3]! << 8);
  const type = bytes[offset + 4]! | (bytes[offset + 5]! << 8);
  if (length < 6 || offset + length > limit) return null;
  const end = offset + length;
  const key = readKey(bytes, offset + 6, end);
  const valueOffset = align4(key.end);
  const valueBytes = type === 1 ? valueLength * 2 : valueLength;
  const children: VersionNode[] = [];
  let child = align4(valueOffset + valueBytes);
  while (child + 6 <= end) {
    const node = parseNode(bytes, child, end, depth + 1);
    if (node === null) break;
    children.push(node);
    child = align4(node.end);
  }
  return { key: key.key, type, valueOffset, valueLength, end, children };
}

/** A String node's text: UTF-16 up to the NUL or the node's end, trimmed; null when empty. */
function textOf(bytes: Uint8Array, node: VersionNode): string | null {
  if (node.valueLength === 0) return null;
  const text = readKey(bytes, node.valueOffset, node.end).key.trim();
  return text === '' ? null : text;
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

function fixedFileVersion(bytes: Uint8Array, root: VersionNode): string | null {
  const at = root.valueOffset;
  if (root.valueLength < 52 || at + 16 > root.end) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== VS_FFI_SIGNATURE) return null;
  const ms = view.getUint32(at + 8, true);
  const ls = view.getUint32(at + 12, true);
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}

/** The language/code-page keys VarFileInfo\Translation lists, in order ("040904b0" …). */
function translations(bytes: Uint8Array, root: VersionNode): string[] {
  const keys: string[] = [];
  for (const varInfo of root.children.filter((c) => c.key === 'VarFileInfo')) {
    for (const entry of varInfo.children.filter((c) => c.key === 'Translation')) {
      for (let at = entry.valueOffset; at + 4 <= entry.valueOffset + entry.valueLength; at += 4) {
        const language = bytes[at]! | (bytes[at + 1]! << 8);
        const codePage = bytes[at + 2]! | (bytes[at + 3]! << 8);
        keys.push(hex4(language) + hex4(codePage));
      }
    }
  }
  return keys;
}

/**
 * Company, product, description and file version from a version block; null when the block is
 * not one (too short, wrong root key). The string table of the first listed translation is
 * preferred, then US English/Unicode (040904b0), then the first table. FileVersion falls back to
 * the fixed file version ("22.22.2.0") when the string is missing.
 */
export function decodeVersionInfo(bytes: Uint8Array): VersionInfo | null {
  const root = parseNode(bytes, 0, bytes.length);
  if (root === null || root.key !== 'VS_VERSION_INFO') return null;
  const tables = root.children
    .filter((child) => child.key === 'StringFileInfo')
    .flatMap((info) => info.children);
  const wanted = [...translations(bytes, root), '040904b0', '040904e4', '000004b0'];
  let table: VersionNode | undefined;
  for (const key of wanted) {
    table = tables.find((candidate) => candidate.key.toLowerCase() === key);
    if (table) break;
  }
  table ??= tables[0];
  const strings = new Map<string, string | null>();
  for (const entry of table?.children ?? []) strings.set(entry.key, textOf(bytes, entry));
  return {
    company: strings.get('CompanyName') ?? null,
    productName: strings.get('ProductName') ?? null,
    fileDescription: strings.get('FileDescription') ?? null,
    fileVersion: strings.get('FileVersion') ?? fixedFileVersion(bytes, root),
  };
}

/** True when a version resource says nothing CurrPorts would show (all four fields empty). */
export function isEmptyVersionInfo(info: VersionInfo): boolean {
  return (
    info.company === null &&
    info.productName === null &&
    info.fileDescription === null &&
    info.fileVersion === null
  );
}
