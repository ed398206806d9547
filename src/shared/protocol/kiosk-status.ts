import { z } from 'zod';
import { visitIdSchema } from './common';
import { serviceStateSchema } from './staff';

/**
 * What a kiosk reports of itself in its heartbeat, and what its staff panel shows of it. A module
 * of its own, apart from the control channel's messages, so that the renderer (whose staff panel
 * uses its shape) does not build every control schema as it starts.
 */
export const deviceNameSchema = z.enum(['camera', 'microphone', 'speaker', 'handset', 'display', 'network', 'storage']);

export const kioskStatusSchema = z.strictObject({
  appVersion: z.string().min(1).max(50),
  uptimeSeconds: z.number().int().nonnegative(),
  /** The kiosk's own name for what it is showing; the server only records it. */
  screen: z.string().min(1).max(50),
  visitId: visitIdSchema.nullable(),
  outboxPending: z.number().int().nonnegative(),
  devices: z.partialRecord(deviceNameSchema, z.enum(['ok', 'degraded', 'fault', 'missing'])),
  /** In service, locked or out of service, as main's store holds it. */
  service: serviceStateSchema,
  /** The visit in progress as the kiosk's call sees it; null when no visit is in progress. */
  visitState: z.enum(['waiting', 'connected', 'reconnecting']).nullable(),
});
export type KioskStatus = z.infer<typeof kioskStatusSchema>;
