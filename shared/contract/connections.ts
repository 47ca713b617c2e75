// Channels of the live table: snapshot, poll control, settings.
import { z } from 'zod';
import { POLL_INTERVALS_MS } from '../model';
import { rendererSettingsPatchSchema, type Settings } from '../settings';
import type { WireDelta, WireSnapshot } from '../wire';
import { event, invoke, noArgs } from './define';

export const pollIntervalSchema = z.union(POLL_INTERVALS_MS.map((ms) => z.literal(ms)));

export const connectionInvokes = {
  /** Every row, each process's details once (shared/wire.ts: decodeSnapshot). */
  getSnapshot: invoke<WireSnapshot>()(noArgs),
  setPollInterval: invoke()(z.tuple([pollIntervalSchema])),
  setPaused: invoke()(z.tuple([z.boolean()])),
  refreshNow: invoke()(noArgs),
  getSettings: invoke<Settings>()(noArgs),
  /** Only what the renderer may change; main completes each section with its own fields. */
  updateSettings: invoke<Settings>()(z.tuple([rendererSettingsPatchSchema])),
};

export const connectionEvents = {
  /** After each poll that changed rows or status (shared/wire.ts: decodeDelta). */
  delta: event<WireDelta>(),
};
