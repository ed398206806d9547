import { z } from 'zod';
import { deviceNameSchema } from './kiosk-status';
import { visitEndReasonSchema } from './visit';

/**
 * What a kiosk records and must deliver to its server exactly once: the outbox's record types, and
 * the delivery request and per-record acknowledgement of the control channel. Shared by the kiosk's
 * main process and the server, so both validate the same shapes.
 */

const isoTime = z.iso.datetime({ offset: true });

export const auditEventPayloadSchema = z.strictObject({
  /** What happened, e.g. `kiosk.unlocked`, `visit.started`, `command.refused`. */
  action: z.string().min(1).max(100),
  /** Who did it: `inmate:<id>`, `officer:<badge>`, `technician:<id>`, `kiosk`, `server`. */
  actor: z.string().min(1).max(100),
  at: isoTime,
  detail: z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).default({}),
});

export const deviceFaultPayloadSchema = z.strictObject({
  device: deviceNameSchema,
  fault: z.string().min(1).max(200),
  at: isoTime,
  cleared: z.boolean(),
});

export const visitLedgerPayloadSchema = z.strictObject({
  visitId: z.string().min(1).max(100),
  connectedSeconds: z.number().nonnegative(),
  disconnectedSeconds: z.number().nonnegative(),
  drops: z
    .array(z.strictObject({ startedAt: isoTime, endedAt: isoTime.nullable(), cause: z.string().max(200) }))
    .max(1000),
  final: z.boolean(),
  /** On the final ledger: why the visit ended as the kiosk knows it (`failed`: the call broke locally). */
  endReason: z.enum([...visitEndReasonSchema.options, 'failed']).optional(),
});

export const callQualityPayloadSchema = z.strictObject({
  visitId: z.string().min(1).max(100),
  at: isoTime,
  roundTripMs: z.number().nonnegative().nullable(),
  packetLossPercent: z.number().min(0).max(100).nullable(),
  bitrateKbps: z.number().nonnegative().nullable(),
});

export const outboxPayloadSchemas = {
  'audit.event': auditEventPayloadSchema,
  'device.fault': deviceFaultPayloadSchema,
  'visit.ledger': visitLedgerPayloadSchema,
  'call.quality': callQualityPayloadSchema,
} as const;

export type OutboxRecordType = keyof typeof outboxPayloadSchemas;
export type OutboxPayload<T extends OutboxRecordType> = z.input<(typeof outboxPayloadSchemas)[T]>;
export const outboxRecordTypeSchema = z.enum(
  Object.keys(outboxPayloadSchemas) as [OutboxRecordType, ...OutboxRecordType[]],
);

/** One record on the wire. The key is the kiosk's idempotency key: the server stores a key once. */
export const outboxRecordSchema = z.strictObject({
  key: z.string().min(8).max(100),
  type: z.string().min(1).max(100),
  createdAt: isoTime,
  /** Validated per type by the receiver; an unknown type or bad payload is rejected, not dropped. */
  payload: z.unknown(),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

export const outboxDeliverRequestSchema = z.strictObject({
  records: z.array(outboxRecordSchema).min(1).max(1000),
});

export const outboxAckSchema = z.discriminatedUnion('status', [
  /** Stored now, or already stored by an earlier delivery of the same key: either way, done. */
  z.strictObject({ key: z.string(), status: z.enum(['stored', 'duplicate']) }),
  /** Will never be accepted as sent (unknown type, invalid payload): set aside, do not retry. */
  z.strictObject({ key: z.string(), status: z.literal('rejected'), reason: z.string().max(500) }),
]);
export type OutboxAck = z.infer<typeof outboxAckSchema>;

export const outboxDeliverResponseSchema = z.strictObject({
  acks: z.array(outboxAckSchema),
});
export type OutboxDeliverResponse = z.infer<typeof outboxDeliverResponseSchema>;
