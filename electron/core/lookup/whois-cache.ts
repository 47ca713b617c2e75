// Whois answers kept for `cacheHours`, in memory and in one JSON file in the data folder so they
// survive restarts (registries rate-limit; the same few addresses are asked again and again).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { WhoisSummary } from '../../../shared/whois/types';

const MAX_ENTRIES = 2000;
const FILE_NAME = 'whois-cache.json';

// Shape check of what we read back: a damaged or foreign file is ignored, not trusted.
const entrySchema = z.looseObject({
  address: z.string(),
  source: z.enum(['local', 'rdap', 'whois']),
  fetchedAt: z.number(),
  raw: z.string(),
  servers: z.array(z.string()),
  notes: z.array(z.string()),
  cidr: z.array(z.string()),
});
const fileSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

export interface WhoisCache {
  get(address: string): WhoisSummary | null;
  set(summary: WhoisSummary): void;
  /** Write pending changes now (on quit). */
  flush(): Promise<void>;
}

export function createWhoisCache(options: {
  dataDir: string | null;
  ttlMs: () => number;
  now?: () => number;
}): WhoisCache & { load(): Promise<void> } {
  const now = options.now ?? Date.now;
  const entries = new Map<string, WhoisSummary>();
  const file = options.dataDir ? path.join(options.dataDir, FILE_NAME) : null;
  let loaded = false;
  let dirty = false;
  let saveTimer: NodeJS.Timeout | null = null;

  const fresh = (entry: WhoisSummary) => now() - entry.fetchedAt < options.ttlMs();

  async function save(): Promise<void> {
    if (!file || !dirty) return;
    dirty = false;
    const list = [...entries.values()].filter(fresh);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify({ version: 1, entries: list }));
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
          if (!entrySchema.safeParse(raw).success) continue;
          const entry = raw as WhoisSummary;
          if (fresh(entry) && !entries.has(entry.address)) entries.set(entry.address, entry);
        }
      } catch {
        // no cache yet, or unreadable: start empty
      }
    },
    get(address) {
      const entry = entries.get(address);
      if (!entry) return null;
      if (!fresh(entry)) {
        entries.delete(address);
        return null;
      }
      return entry;
    },
    set(summary) {
      if (options.ttlMs() <= 0) return;
      entries.delete(summary.address);
      entries.set(summary.address, summary); // Map order = age order: oldest first
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
