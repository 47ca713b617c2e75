// The `export` settings section: where the last export went, and "Log changes" (CurrPorts'
// feature: every opened and closed connection appended to a file, rotating at a size).
import { z } from 'zod';
import { EXPORT_FORMATS } from './formats';

export const LOG_FORMATS = ['jsonl', 'csv'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const changeLogSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Absolute path of the log; null: connection-log.jsonl/.csv in the user-data folder. */
    path: z.string().min(1).max(4096).nullable(),
    format: z.enum(LOG_FORMATS),
    /** When the log would grow past this, it is renamed to FILE.1 (replacing the previous one). */
    maxBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(1024 ** 4),
  })
  .strict();
export type ChangeLogSettings = z.infer<typeof changeLogSettingsSchema>;

export const exportSettingsSchema = z
  .object({
    /** The save dialog opens here next time; null: the person's documents folder. */
    lastDirectory: z.string().max(4096).nullable(),
    lastFormat: z.enum(EXPORT_FORMATS),
    log: changeLogSettingsSchema,
  })
  .strict();
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

export const defaultExportSettings: ExportSettings = {
  lastDirectory: null,
  lastFormat: 'csv',
  log: { enabled: false, path: null, format: 'jsonl', maxBytes: 10 * 1024 * 1024 },
};
