// Whois answers kept for `cacheHours`, in memory and in one JSON file in the data folder so they
// survive restarts (registries rate-limit; the same few addresses are asked again and again).
// An answer is kept per source asked (whois-source.ts): asking another server or bootstrap
// (`--whois-server`, `--rdap-bootstrap`, the lookup settings) never returns this one's answer.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { WhoisSummary } from '../../../shared/whois/types';

const MAX_ENTRIES = 2000;
const FILE_NAME = 'whois-cache.json';

// Shape check of what we read back: a damaged or foreign file is ignored, not trusted.
const entrySchema = z.looseObject({
  askedSource: z.string(),
  address: z.string(),
  source: z.enum(['local', 'rdap', 'whois']),
  fetchedAt: z.number(),
  raw: z.string(),
  servers: z.array(z.string()),
  notes: z.array(z.string()),
  cidr: z.array(z.string()),
});
// Version 2: entries carry the source they were asked of (version 1 files are not read: without
// the source, an answer cannot be told apart from another server's).
const fileSchema = z.object({ version: z.literal(2), entries: z.array(z.unknown()) });

interface CacheEntry {
  /** whoisSourceKey() of the settings the answer was asked with. */
  askedSource: string;
  summary: WhoisSummary;
}

export interface WhoisCache {
  /** The answer the source `askedSource` gave for `address`, while it is fresh. */
  get(address: string, askedSource: string): WhoisSummary | null;
  set(summary: WhoisSummary, askedSource: string): void;
  /** Write pending changes now (on quit). */
  flush(): Promise<void>;
}

export function createWhoisCache(options: {
  dataDir: string | null;
  ttlMs: () => number;
  now?: () => number;
}): WhoisCache & { load(): Promise<void> } {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CacheEntry>();
  const keyOf = (address: string, askedSource: string) => `${askedSource}\n${address}`;
  const file = options.dataDir ? path.join(options.dataDir, FILE_NAME) : null;
  let loaded = false;
  let dirty = false;
  let saveTimer: NodeJS.Timeout | null = null;

  const fresh = (entry: CacheEntry) => now() - entry.summary.fetchedAt < options.ttlMs();

  async function save(): Promise<void> {
    if (!file || !dirty) return;
    dirty = false;
    const list = [...entries.values()]
      .filter(fresh)
      .map((entry) => ({ ...entry.summary, askedSource: entry.askedSource }));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify({ version: 2, entries: list }));
    await rename(`${file}.tmp`, file);
  }

  return {
    async load() {
      if (loaded || !file) return;
      loaded = true;
      try {
        const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success) return;
        for (const raw of parsed.data.entries) {
          const checked = entrySchema.safeParse(raw);
          if (!checked.success) continue;
          const entry = { askedSource: checked.data.askedSource, summary: raw as WhoisSummary };
          const key = keyOf(entry.summary.address, entry.askedSource);
          if (fresh(entry) && !entries.has(key)) entries.set(key, entry);
        }
      } catch {
        // no cache yet, or unreadable: start empty
      }
    },
    get(address, askedSource) {
      const key = keyOf(address, askedSource);
      const entry = entries.get(key);
      if (!entry) return null;
      if (!fresh(entry)) {
        entries.delete(key);
        return null;
      }
      return entry.summary;
    },
    set(summary, askedSource) {
      if (options.ttlMs() <= 0) return;
      const key = keyOf(summary.address, askedSource);
      entries.delete(key);
      entries.set(key, { askedSource, summary }); // Map order = age order: oldest first
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      dirty = true;
      if (file && !saveTimer) {
        saveTimer = setTimeout(() => {
          saveTimer = null;
          void save().catch(() => undefined); // a full disk must not break lookups
        }, 1000);
        saveTimer.unref();
      }
    },
    async flush() {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      await save().catch(() => undefined);
    },
  };
}
