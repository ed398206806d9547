import { z } from 'zod';
import { isoTimeSchema as isoTime } from './common';

/** The kiosk store's health, as the technician screen and a diagnostics bundle show it. */
export const storeHealthSchema = z.strictObject({
  path: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  /** This start found the database damaged, moved it aside and began with a clean one. */
  recoveredFromCorruption: z.strictObject({ at: isoTime, movedTo: z.string(), reason: z.string() }).nullable(),
  /** Damage met while running; the file is moved aside at the next start. */
  corruptionDetected: z.boolean(),
  diskFull: z.boolean(),
  diskFullSince: isoTime.nullable(),
});
export type StoreHealth = z.infer<typeof storeHealthSchema>;
