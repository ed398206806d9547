import { z } from 'zod';
import {
  bearerTokenSchema,
  displayNameSchema,
  inmateIdSchema,
  isoTimeSchema,
  pinSchema,
  visitIdSchema,
} from './common';
import { diagnosticsBundleSchema, diagnosticsRequestSchema } from './diagnostics';
import { kioskStatusSchema } from './kiosk-status';
import { mediaCheckRunAnswerSchema, mediaCheckRunRequestSchema } from './media-check-run';
import { outboxDeliverRequestSchema, outboxDeliverResponseSchema } from './outbox';
import { defineProtocol, errorCodeSchema } from './rpc';
import { housingUnitSchema, kioskLocationSchema, kioskPlacementSchema } from './setup';
import {
  offlineCodeVerifierSchema,
  staffActionRefusalSchema,
  staffActionSchema,
  staffActorSchema,
  staffMemberSchema,
  staffNumberSchema,
  staffPinSchema,
  staffSessionSchema,
} from './staff';
import { visitEndReasonSchema, visitSummarySchema } from './visit';

/**
 * The control channel between a kiosk's main process and its server: socket.io namespace `/kiosk`,
 * authenticated in the handshake by the token the kiosk got at enrolment.
 */
export const controlNamespace = '/kiosk';

export const kioskHandshakeAuthSchema = z.strictObject({ token: bearerTokenSchema });
export type KioskHandshakeAuth = z.infer<typeof kioskHandshakeAuthSchema>;

/** How long an echo room from `mediaCheck.open` lasts: ample for one check, never left open. */
export const mediaCheckLifetimeMs = 30_000;

/**
 * How long the server waits for a network check the console asked for: the echo room's life and
 * the kiosk's grace for a report that never comes, with margin, so the kiosk's own judgement
 * (`unreachable`) arrives before the server gives up.
 */
export const mediaCheckRunTimeoutMs = mediaCheckLifetimeMs + 15_000;

export const controlErrorCodeSchema = errorCodeSchema(
  /** The session is unknown, expired or belongs to another kiosk: sign in again. */
  'unauthenticated',
  'bad_credentials',
  /** Too many wrong PINs for this inmate ID; `retryAfterSeconds` says when to try again. */
  'locked_out',
  /** Too many wrong sign-ins at this kiosk, whatever the IDs; `retryAfterSeconds` says when to try again. */
  'too_many_attempts',
  /** The inmate's housing unit is not this kiosk's. */
  'wrong_housing_unit',
  /** Before the visit's window opens; `retryAfterSeconds` says when it does. */
  'visit_not_open',
  'visit_over',
  'not_found',
  /** `visit.resume`: the kiosk was away longer than it allows; the person signs in again. */
  'absent_too_long',
  /** A staff member whose role may not do what was asked. */
  'not_permitted',
  /** `kiosk.move`: a visit is under way at the kiosk, and it is never cut off. */
  'visit_in_progress',
);
export type ControlErrorCode = z.infer<typeof controlErrorCodeSchema>;

const sessionRequest = z.strictObject({ session: bearerTokenSchema });
const visitsResponse = z.strictObject({ visits: z.array(visitSummarySchema).max(100) });
const empty = z.strictObject({});

export const visitInfoSchema = z.strictObject({
  visitId: visitIdSchema,
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema,
  visitorName: displayNameSchema,
  privileged: z.boolean(),
});
export type VisitInfo = z.infer<typeof visitInfoSchema>;

/**
 * A remote command: one staff action with its ID, which makes redelivery harmless. `by` is the
 * staff member who gave it at the console; null for the server's own admin API.
 */
export const kioskCommandSchema = z.strictObject({
  id: z.uuid(),
  by: staffActorSchema.nullable(),
  action: staffActionSchema,
});
export type KioskCommand = z.infer<typeof kioskCommandSchema>;

/** Sent only once the command is applied and stored (or refused); a redelivered ID gets the first answer. */
export const kioskCommandAckSchema = z.strictObject({
  id: z.uuid(),
  status: z.enum(['accepted', 'refused']),
  reason: staffActionRefusalSchema.optional(),
});
export type KioskCommandAck = z.infer<typeof kioskCommandAckSchema>;

/** The technician at the kiosk's panel who asks: the server checks the account is a technician's. */
const technicianBySchema = z.strictObject({ staffId: staffMemberSchema.shape.staffId });

/** `forced`: the outbox was not drained, and `recordsLost` records will never reach the server. */
export const kioskDecommissionRequestSchema = z
  .strictObject({
    by: technicianBySchema,
    forced: z.boolean(),
    recordsLost: z.number().int().nonnegative().max(1_000_000),
  })
  .refine((request) => request.forced || request.recordsLost === 0, {
    message: 'only a forced decommission loses records',
  });
export type KioskDecommissionRequest = z.infer<typeof kioskDecommissionRequestSchema>;

export const kioskMoveRequestSchema = z.strictObject({
  by: technicianBySchema,
  housingUnitId: housingUnitSchema.shape.id,
  location: kioskLocationSchema,
});
export type KioskMoveRequest = z.infer<typeof kioskMoveRequestSchema>;

export const controlProtocol = defineProtocol({
  namespace: controlNamespace,
  errorCode: controlErrorCodeSchema,
  requests: {
    'inmate.signIn': {
      request: z.strictObject({ inmateId: inmateIdSchema, pin: pinSchema }),
      response: z.strictObject({
        session: bearerTokenSchema,
        sessionExpiresAt: isoTimeSchema,
        /** First name and last initial: all a kiosk in a shared dayroom should show. */
        inmate: z.strictObject({ displayName: displayNameSchema }),
        visits: visitsResponse.shape.visits,
      }),
      // A retried wrong PIN would count twice towards the lockout.
      retryOnTimeout: false,
    },
    'inmate.signOut': { request: sessionRequest, response: empty, retryOnTimeout: true },
    'inmate.visits': { request: sessionRequest, response: visitsResponse, retryOnTimeout: true },
    'visit.join': {
      request: z.strictObject({ session: bearerTokenSchema, visitId: visitIdSchema }),
      response: z.strictObject({
        /** For the media namespace's handshake; short-lived, so a rejoin asks for a new one. */
        ticket: z.string().min(20).max(2000),
        ticketExpiresAt: isoTimeSchema,
        visit: visitInfoSchema,
      }),
      retryOnTimeout: true,
    },
    /**
     * A kiosk restarted during a visit asks whether it may go back into the call without the inmate
     * signing in again: only while the visit is open, the inmate still has a session at this kiosk,
     * and the server last heard from the kiosk at most `maxAbsentSeconds` ago. The answer is a new
     * session (the old token died with the kiosk) and a ticket, as sign-in and join would give.
     */
    'visit.resume': {
      request: z.strictObject({ visitId: visitIdSchema, maxAbsentSeconds: z.number().int().min(1).max(3600) }),
      response: z.strictObject({
        session: bearerTokenSchema,
        sessionExpiresAt: isoTimeSchema,
        inmate: z.strictObject({ displayName: displayNameSchema }),
        visits: visitsResponse.shape.visits,
        ticket: z.string().min(20).max(2000),
        ticketExpiresAt: isoTimeSchema,
        visit: visitInfoSchema,
        /** The server's time when it last heard from the kiosk before this connection. */
        absentSince: isoTimeSchema,
        serverTime: isoTimeSchema,
      }),
      // Each answer replaces the session the one before gave.
      retryOnTimeout: false,
    },
    'visit.end': {
      request: z.strictObject({
        session: bearerTokenSchema,
        visitId: visitIdSchema,
        reason: visitEndReasonSchema.extract(['hung_up_by_inmate', 'ended_by_staff']),
      }),
      /** How the visit ended: an earlier end (the visitor hung up first) wins over this request's reason. */
      response: z.strictObject({ endedAt: isoTimeSchema, reason: visitEndReasonSchema }),
      retryOnTimeout: true,
    },
    // Idempotent by record key, which is what makes redelivery after a timeout safe.
    'outbox.deliver': {
      request: outboxDeliverRequestSchema,
      response: outboxDeliverResponseSchema,
      retryOnTimeout: true,
    },
    /**
     * Staff sign-in at the kiosk: the server checks the PIN (lockout with backoff, audited) and the
     * kiosk keeps only the answer, in memory, for the staff overlay's short life.
     */
    'staff.signIn': {
      request: z.strictObject({ staffNumber: staffNumberSchema, pin: staffPinSchema }),
      response: z.strictObject({ session: staffSessionSchema }),
      // A retried wrong PIN would count twice towards the lockout.
      retryOnTimeout: false,
    },
    /** The unused, unexpired offline codes of the kiosk's housing unit, as verifiers only. */
    'staff.offlineCodes': {
      request: empty,
      response: z.strictObject({ verifiers: z.array(offlineCodeVerifierSchema).max(200) }),
      retryOnTimeout: true,
    },
    /**
     * A network and media check (first boot, technician mode): the server opens this kiosk's echo
     * room, in which what the kiosk sends is consumed back to it through the SFU, and answers with a
     * ticket for the media namespace that admits the kiosk to that room only. One check per kiosk: a
     * new one closes the one before. The room closes itself at `closesAt` (`mediaCheckLifetimeMs`).
     * No visit, session or ledger is touched.
     */
    'mediaCheck.open': {
      request: empty,
      response: z.strictObject({
        ticket: z.string().min(20).max(2000),
        /** The room's name, as `room.join` gives it in `visit.visitId`. */
        checkId: visitIdSchema,
        closesAt: isoTimeSchema,
      }),
      // Each answer closes the room the one before opened.
      retryOnTimeout: false,
    },
    /**
     * A technician at the kiosk decommissions it: the server audits who did it and how many
     * undelivered records a forced one loses, then stops accepting the kiosk's token. Answered
     * before the kiosk wipes anything, so the audit is on the server first.
     */
    'kiosk.decommission': {
      request: kioskDecommissionRequestSchema,
      response: z.strictObject({ decommissionedAt: isoTimeSchema }),
      // Answered once: a retry after the token is void would find the kiosk gone.
      retryOnTimeout: false,
    },
    /** The facility's housing units, for a technician moving the kiosk, and the one it is in now. */
    'kiosk.housingUnits': {
      request: z.strictObject({ by: technicianBySchema }),
      response: z.strictObject({
        housingUnits: z.array(housingUnitSchema).max(500),
        current: housingUnitSchema.shape.id,
      }),
      retryOnTimeout: true,
    },
    /**
     * A technician moves the kiosk to another housing unit (or renames where it stands): the server
     * audits it and re-enrols the kiosk there, keeping its identity and token, so the records it
     * still has to deliver stay its own. Refused while a visit is under way at the kiosk.
     */
    'kiosk.move': {
      request: kioskMoveRequestSchema,
      response: kioskPlacementSchema.extend({ movedAt: isoTimeSchema }),
      // Moving to the same place twice changes nothing: a retry after a lost answer is safe.
      retryOnTimeout: true,
    },
    'kiosk.heartbeat': {
      request: z.strictObject({ status: kioskStatusSchema }),
      /** The kiosk estimates its clock offset from this and the request's round trip. */
      response: z.strictObject({ serverTime: isoTimeSchema }),
      retryOnTimeout: false,
    },
  },
  serverRequests: {
    command: { request: kioskCommandSchema, response: kioskCommandAckSchema, retryOnTimeout: false },
    /** Collecting twice is harmless, but the server's caller waits for one answer, so no retry. */
    'diagnostics.collect': {
      request: diagnosticsRequestSchema,
      response: diagnosticsBundleSchema,
      retryOnTimeout: false,
    },
    /**
     * The console's network and media check: answered when the kiosk has judged it (seconds; at
     * most `mediaCheckRunTimeoutMs`). No retry: a second ask would run a second check.
     */
    'mediaCheck.run': {
      request: mediaCheckRunRequestSchema,
      response: mediaCheckRunAnswerSchema,
      retryOnTimeout: false,
    },
  },
  events: {
    /** A visit this kiosk joined has ended, for the main process even when the renderer is down. */
    'visit.ended': z.strictObject({ visitId: visitIdSchema, reason: visitEndReasonSchema }),
    /** The housing unit's offline codes changed (issued, used, revoked): ask `staff.offlineCodes` again. */
    'staff.offlineCodesChanged': empty,
  },
});
export type ControlProtocol = typeof controlProtocol;
