import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** What the technician screen shows about the store, and what a heartbeat can carry. */
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
