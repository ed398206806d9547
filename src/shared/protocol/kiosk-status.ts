import { z } from 'zod';
import { isoTimeSchema, visitIdSchema } from './common';
import { serviceStateSchema } from './staff';
import { updateStatusSchema } from './updates';

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
  // The fields below are optional on the wire: kiosks of earlier versions, still in a fleet during a
  // rollout, do not send them, and their heartbeats must still count.
  /** Since the kiosk's local midnight (server clock): what a facility watches to find a bad kiosk. */
  today: z
    .strictObject({
      visits: z.number().int().nonnegative(),
      connectedMinutes: z.number().nonnegative(),
      lostMinutes: z.number().nonnegative(),
      reconnects: z.number().int().nonnegative(),
    })
    .optional(),
  /** The last error an inmate was shown, in the kiosk's own code (`sign_in.server_unavailable`, ...). */
  lastInmateError: z
    .strictObject({ code: z.string().regex(/^[a-z_.]{1,60}$/), at: isoTimeSchema })
    .nullable()
    .optional(),
  /** The kiosk's software update, from its update service. */
  update: updateStatusSchema.optional(),
});
export type KioskStatus = z.infer<typeof kioskStatusSchema>;
