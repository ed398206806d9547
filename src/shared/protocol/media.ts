import type { RtpCapabilities, RtpParameters } from 'mediasoup-client/types';
import { z } from 'zod';
import { displayNameSchema, isoTimeSchema, peerIdSchema, visitIdSchema } from './common';
import { defineProtocol, errorCodeSchema } from './rpc';
import { visitEndReasonSchema, visitorCodeSchema } from './visit';

/**
 * Media signalling for one visit room: socket.io namespace `/media`, used by the kiosk's renderer
 * and the visitor page. A kiosk authenticates with the ticket from `visit.join` on the control
 * channel, a visitor with the visit code from their link. A ticket from `mediaCheck.open` admits a
 * kiosk to its echo room instead: the same requests, with one peer (`echo`) listed in it whose
 * producers are the kiosk's own, so consuming them brings the kiosk's media back through the SFU.
 */
export const mediaNamespace = '/media';

export const mediaHandshakeAuthSchema = z.union([
  z.strictObject({ ticket: z.string().min(20).max(2000) }),
  z.strictObject({ code: visitorCodeSchema }),
]);
export type MediaHandshakeAuth = z.infer<typeof mediaHandshakeAuthSchema>;

export const mediaErrorCodeSchema = errorCodeSchema(
  /** Every request but `room.join` needs the peer to have joined first. */
  'not_joined',
  'not_found',
  /** The request does not fit what exists: consuming without a receive transport, for one. */
  'invalid_state',
  /** The offered RTP capabilities cannot receive that producer. */
  'cannot_consume',
  'visit_over',
);
export type MediaErrorCode = z.infer<typeof mediaErrorCodeSchema>;

const id = z.string().min(1).max(100);
export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;
export const peerRoleSchema = z.enum(['inmate', 'visitor']);
export type PeerRole = z.infer<typeof peerRoleSchema>;

/**
 * mediasoup's own parameter types are checked by mediasoup; here they are checked for shape at the
 * top level and sizes, which is what keeps garbage and oversized payloads out of the worker.
 */
const codecShape = z.looseObject({
  mimeType: z.string().min(1).max(100),
  clockRate: z.number().int().positive(),
});
const rtpParametersShape = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z
    .array(codecShape.extend({ payloadType: z.number().int().min(0).max(127) }))
    .min(1)
    .max(16),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string().max(200), id: z.number().int() }))
    .max(32)
    .optional(),
  encodings: z.array(z.looseObject({})).max(8).optional(),
  rtcp: z.looseObject({}).optional(),
});
const rtpCapabilitiesShape = z.looseObject({
  codecs: z
    .array(codecShape.extend({ kind: mediaKindSchema }))
    .max(64)
    .optional(),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string().max(200) }))
    .max(64)
    .optional(),
});
export const rtpParametersSchema = z.custom<RtpParameters>((value) => rtpParametersShape.safeParse(value).success, {
  message: 'not RTP parameters',
});
export const rtpCapabilitiesSchema = z.custom<RtpCapabilities>(
  (value) => rtpCapabilitiesShape.safeParse(value).success,
  { message: 'not RTP capabilities' },
);

export const dtlsParametersSchema = z.strictObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.strictObject({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().regex(/^[0-9A-Fa-f:]{1,200}$/),
      }),
    )
    .min(1)
    .max(8),
});
export const iceParametersSchema = z.strictObject({
  usernameFragment: z.string().min(1).max(256),
  password: z.string().min(1).max(256),
  iceLite: z.boolean().optional(),
});
export const iceCandidateSchema = z.strictObject({
  foundation: z.string().max(100),
  priority: z.number().int().nonnegative(),
  address: z.string().max(100),
  /** The same as `address`: older mediasoup-client releases read this name. */
  ip: z.string().max(100),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int().min(1).max(65535),
  type: z.enum(['host', 'srflx', 'prflx', 'relay']),
  tcpType: z.enum(['active', 'passive', 'so']).optional(),
});

export const transportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof transportDirectionSchema>;

export const peerInfoSchema = z.strictObject({
  peerId: peerIdSchema,
  role: peerRoleSchema,
  displayName: displayNameSchema,
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;

export const producerInfoSchema = z.strictObject({ producerId: id, kind: mediaKindSchema, peerId: peerIdSchema });
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

const empty = z.strictObject({});

export const mediaProtocol = defineProtocol({
  namespace: mediaNamespace,
  errorCode: mediaErrorCodeSchema,
  requests: {
    'room.join': {
      request: empty,
      response: z.strictObject({
        self: peerInfoSchema,
        routerRtpCapabilities: rtpCapabilitiesSchema,
        /** The others already here, with what they are sending, so the joiner can consume it. */
        peers: z.array(peerInfoSchema.extend({ producers: z.array(producerInfoSchema).max(4) })).max(4),
        visit: z.strictObject({
          visitId: visitIdSchema,
          endsAt: isoTimeSchema,
          privileged: z.boolean(),
          /** Booked for sign language: both sides send video that keeps its frame rate (`send-plan.ts`). */
          signLanguage: z.boolean(),
        }),
      }),
      retryOnTimeout: true,
    },
    'transport.create': {
      request: z.strictObject({ direction: transportDirectionSchema }),
      /** Ready for mediasoup-client's `createSendTransport`/`createRecvTransport`. */
      response: z.strictObject({
        id,
        direction: transportDirectionSchema,
        iceParameters: iceParametersSchema,
        iceCandidates: z.array(iceCandidateSchema).max(16),
        dtlsParameters: dtlsParametersSchema,
      }),
      retryOnTimeout: false,
    },
    'transport.connect': {
      request: z.strictObject({ transportId: id, dtlsParameters: dtlsParametersSchema }),
      response: empty,
      retryOnTimeout: false,
    },
    'transport.restartIce': {
      request: z.strictObject({ transportId: id }),
      response: z.strictObject({ iceParameters: iceParametersSchema }),
      retryOnTimeout: false,
    },
    produce: {
      request: z.strictObject({
        transportId: id,
        kind: mediaKindSchema,
        rtpParameters: rtpParametersSchema,
        appData: z.record(z.string().max(50), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
      }),
      response: z.strictObject({ producerId: id }),
      retryOnTimeout: false,
    },
    consume: {
      request: z.strictObject({ producerId: id, rtpCapabilities: rtpCapabilitiesSchema }),
      /** Ready for mediasoup-client's `transport.consume`; the consumer starts paused. */
      response: z.strictObject({
        id,
        producerId: id,
        kind: mediaKindSchema,
        rtpParameters: rtpParametersSchema,
        producerPaused: z.boolean(),
      }),
      retryOnTimeout: false,
    },
    'consumer.resume': { request: z.strictObject({ consumerId: id }), response: empty, retryOnTimeout: true },
    /**
     * The producing side's source ended (a camera unplugged, a microphone failed): the producer goes,
     * and the other side is told so with `producer.closed` reason `source_ended`, not left with a
     * frozen picture. Closing a producer that is already gone is no error, which makes a retry harmless.
     */
    'producer.close': { request: z.strictObject({ producerId: id }), response: empty, retryOnTimeout: true },
    'room.leave': {
      request: z.strictObject({
        /** `hang_up` ends the visit for everyone; `leaving` only takes this peer out (a reload, a rebuild). */
        reason: z.enum(['hang_up', 'leaving']),
      }),
      response: empty,
      retryOnTimeout: true,
    },
  },
  serverRequests: {},
  events: {
    'peer.joined': peerInfoSchema,
    'peer.left': z.strictObject({
      peerId: peerIdSchema,
      /** `replaced`: the same side joined again from a new connection, which took over. */
      reason: z.enum(['left', 'disconnected', 'replaced']),
    }),
    'producer.new': producerInfoSchema,
    'producer.closed': z.strictObject({
      producerId: id,
      peerId: peerIdSchema,
      /** `source_ended`: closed on purpose by its side, whose device stopped; absent for a rebuild or a departure. */
      reason: z.literal('source_ended').optional(),
    }),
    'visit.ended': z.strictObject({ visitId: visitIdSchema, reason: visitEndReasonSchema }),
    /**
     * The SFU stopped forwarding a video to its receiver because the receiver's link cannot afford
     * its lowest layer (`paused`), or started again: sent to both sides, `receiving` to the one whose
     * link is weak, `sending` to the one whose video it is. The sound goes on.
     */
    'video.paused': z.strictObject({
      producerId: id,
      paused: z.boolean(),
      side: z.enum(['receiving', 'sending']),
      reason: z.literal('weak_connection'),
    }),
    /**
     * The room's media was lost (its mediasoup worker died) while the visit goes on: drop the
     * Device, transports, producers and consumers, then `room.join` again and rebuild.
     */
    'room.reset': z.strictObject({ reason: z.literal('media_restarted') }),
  },
});
export type MediaProtocol = typeof mediaProtocol;
