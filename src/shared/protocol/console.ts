import { z } from 'zod';
import {
  bearerTokenSchema,
  displayNameSchema,
  housingUnitIdSchema,
  isoTimeSchema,
  kioskIdSchema,
  visitIdSchema,
} from './common';
import { mediaCheckResultSchema } from '../contract/media-check';
import { mediaCheckRunRefusalSchema } from './media-check-run';
import { diagnosticsOutcomeSchema, storedDiagnosticsSchema } from './diagnostics';
import { kioskStatusSchema } from './kiosk-status';
import { defineProtocol, errorCodeSchema } from './rpc';
import {
  offlineCodeSchema,
  offlineCodeVerifierSchema,
  staffActionRefusalSchema,
  staffActionSchema,
  staffMemberSchema,
  staffNumberSchema,
  staffPinSchema,
} from './staff';
import { updateChannelSchema } from './updates';
import { visitEndReasonSchema } from './visit';

/**
 * The officer console: a page of the reference server at `/console`. Staff sign in over HTTP
 * (`consoleSignInPath`, the same lockout as at a kiosk) and open the socket.io namespace `/console`
 * with the staff session in the handshake; everything after that is live over the socket.
 */
export const consoleNamespace = '/console';
export const consolePagePath = '/console';
export const consoleSignInPath = '/api/console/sign-in';

export const consoleSignInRequestSchema = z.strictObject({ staffNumber: staffNumberSchema, pin: staffPinSchema });
export type ConsoleSignInRequest = z.infer<typeof consoleSignInRequestSchema>;

export const consoleHandshakeAuthSchema = z.strictObject({ session: bearerTokenSchema });

export const auditPlaceSchema = z.enum(['kiosk', 'console', 'server']);
export type AuditPlace = z.infer<typeof auditPlaceSchema>;

/** One row of the server's audit table: who, what, when (server time), where, and the outcome. */
export const auditEntrySchema = z.strictObject({
  id: z.number().int().positive(),
  at: isoTimeSchema,
  place: auditPlaceSchema,
  /** Null when nobody could be named (a failed sign-in with an unknown staff number). */
  staffId: staffMemberSchema.shape.staffId.nullable(),
  /** As given: `staff:<id>` at the server, or the kiosk's own actor string. */
  actor: z.string().min(1).max(100),
  action: z.string().min(1).max(100),
  kioskId: kioskIdSchema.nullable(),
  housingUnitId: housingUnitIdSchema.nullable(),
  outcome: z.string().min(1).max(100),
  detail: z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What became of one command at one kiosk, as the console shows it in words. */
export const commandOutcomeSchema = z.strictObject({
  kioskId: kioskIdSchema,
  status: z.enum([
    'accepted',
    'refused',
    /** Not connected when the command was given: reported at once, never queued. */
    'offline',
    /** Connected, but no valid answer came back (timeout, disconnect mid-way). */
    'failed',
  ]),
  reason: staffActionRefusalSchema.optional(),
});
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;

/** What became of a network and media check the console asked a kiosk for. */
export const mediaCheckOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('checked'), result: mediaCheckResultSchema }),
  z.strictObject({ status: z.literal('refused'), reason: mediaCheckRunRefusalSchema }),
  /** Not connected when asked: reported at once, never queued. */
  z.strictObject({ status: z.literal('offline') }),
  /** Connected, but no valid answer came back in time. */
  z.strictObject({ status: z.literal('failed') }),
]);
export type MediaCheckOutcome = z.infer<typeof mediaCheckOutcomeSchema>;

/** A kiosk as the console lists it: its last heartbeat's status and whether it is connected now. */
export const consoleKioskSchema = z.strictObject({
  kioskId: kioskIdSchema,
  housingUnitId: housingUnitIdSchema,
  /** Where in its unit the kiosk stands, as the technician who placed it named it; null before that. */
  location: z.string().min(1).max(60).nullable(),
  online: z.boolean(),
  lastSeenAt: isoTimeSchema.nullable(),
  /** Null until the kiosk's first heartbeat. */
  status: kioskStatusSchema.nullable(),
  /** The last network and media check the console had run there; null before the first. */
  lastMediaCheck: mediaCheckResultSchema.nullable(),
});
export type ConsoleKiosk = z.infer<typeof consoleKioskSchema>;

/** A visit of today as the schedule has it; its live state comes from its kiosk's heartbeats. */
export const consoleVisitSchema = z.strictObject({
  visitId: visitIdSchema,
  housingUnitId: housingUnitIdSchema,
  inmateName: displayNameSchema,
  visitorName: displayNameSchema,
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema,
  privileged: z.boolean(),
  status: z.enum(['scheduled', 'open', 'over']),
  endReason: visitEndReasonSchema.nullable(),
});
export type ConsoleVisit = z.infer<typeof consoleVisitSchema>;

/** An offline code as the console lists it: never the code or its verifier. */
export const consoleOfflineCodeSchema = z.strictObject({
  codeId: offlineCodeVerifierSchema.shape.codeId,
  staffId: staffMemberSchema.shape.staffId,
  issuedAt: isoTimeSchema,
  expiresAt: isoTimeSchema,
  usedAt: isoTimeSchema.nullable(),
  usedAtKiosk: kioskIdSchema.nullable(),
  /** Used and not replaced yet: the console asks for a replacement. */
  replacementDue: z.boolean(),
});
export type ConsoleOfflineCode = z.infer<typeof consoleOfflineCodeSchema>;

export const consoleHousingUnitSchema = z.strictObject({
  id: housingUnitIdSchema,
  name: displayNameSchema,
  /** Which update feed the unit's kiosks follow. */
  updateChannel: updateChannelSchema,
  kiosks: z.array(consoleKioskSchema).max(500),
  offlineCodes: z.array(consoleOfflineCodeSchema).max(500),
});
export type ConsoleHousingUnit = z.infer<typeof consoleHousingUnitSchema>;

export const consoleSnapshotSchema = z.strictObject({
  staff: staffMemberSchema,
  serverTime: isoTimeSchema,
  housingUnits: z.array(consoleHousingUnitSchema).max(200),
  visits: z.array(consoleVisitSchema).max(2000),
  audit: z.array(auditEntrySchema).max(200),
});
export type ConsoleSnapshot = z.infer<typeof consoleSnapshotSchema>;

export const consoleErrorCodeSchema = errorCodeSchema(
  /** The staff session expired or was closed: sign in again. */
  'unauthenticated',
  'not_found',
  /** The housing unit holds as many live offline codes as it may. */
  'too_many_codes',
  /** The signed-in staff member's role may not do this from the console. */
  'not_permitted',
);

export const consoleProtocol = defineProtocol({
  namespace: consoleNamespace,
  errorCode: consoleErrorCodeSchema,
  requests: {
    /** Everything the console shows, once at connection; events keep it current. */
    'console.snapshot': { request: z.strictObject({}), response: consoleSnapshotSchema, retryOnTimeout: true },
    'kiosk.command': {
      request: z.strictObject({ kioskId: kioskIdSchema, action: staffActionSchema }),
      response: z.strictObject({ outcome: commandOutcomeSchema }),
      // Each attempt is a new command with its own ID: a retry could carry out an action twice.
      retryOnTimeout: false,
    },
    /** Asks the kiosk for a diagnostics bundle now; the server keeps it and answers with it. */
    'kiosk.collectDiagnostics': {
      request: z.strictObject({ kioskId: kioskIdSchema }),
      response: z.strictObject({ outcome: diagnosticsOutcomeSchema }),
      retryOnTimeout: false,
    },
    /**
     * Runs the kiosk's network and media check now (an idle kiosk only), answered with its result
     * once the kiosk judged it, in seconds; the server keeps it as the kiosk's last check.
     */
    'kiosk.runMediaCheck': {
      request: z.strictObject({ kioskId: kioskIdSchema }),
      response: z.strictObject({ outcome: mediaCheckOutcomeSchema }),
      // A retry would run a second check.
      retryOnTimeout: false,
    },
    /** The newest bundle the server keeps for the kiosk, if any; for a kiosk that is offline now. */
    'kiosk.diagnostics': {
      request: z.strictObject({ kioskId: kioskIdSchema }),
      response: z.strictObject({ diagnostics: storedDiagnosticsSchema.nullable() }),
      retryOnTimeout: true,
    },
    /** Count and lockdown: one action to every kiosk of the unit, answered per kiosk. */
    'housingUnit.command': {
      request: z.strictObject({ housingUnitId: housingUnitIdSchema, action: staffActionSchema }),
      response: z.strictObject({ results: z.array(commandOutcomeSchema).max(500) }),
      retryOnTimeout: false,
    },
    /**
     * Moves a housing unit's kiosks to another update channel (officers only), audited with who
     * did it; the same change the admin API makes.
     */
    'housingUnit.setUpdateChannel': {
      request: z.strictObject({ housingUnitId: housingUnitIdSchema, channel: updateChannelSchema }),
      response: z.strictObject({ channel: updateChannelSchema, changed: z.boolean() }),
      // Setting the same channel twice changes nothing.
      retryOnTimeout: true,
    },
    /** Ends a visit at the server (`ended_by_staff`), whether or not its kiosk is connected. */
    'visit.end': {
      request: z.strictObject({ visitId: visitIdSchema }),
      response: z.strictObject({ endedAt: isoTimeSchema, reason: visitEndReasonSchema }),
      retryOnTimeout: true,
    },
    /** A new offline code for the unit, issued to the signed-in officer and shown once. */
    'offlineCode.issue': {
      request: z.strictObject({
        housingUnitId: housingUnitIdSchema,
        /** The used code this one replaces. */
        replaces: offlineCodeVerifierSchema.shape.codeId.optional(),
      }),
      response: z.strictObject({
        codeId: offlineCodeVerifierSchema.shape.codeId,
        code: offlineCodeSchema,
        expiresAt: isoTimeSchema,
      }),
      retryOnTimeout: false,
    },
    'offlineCode.revoke': {
      request: z.strictObject({ codeId: offlineCodeVerifierSchema.shape.codeId }),
      response: z.strictObject({}),
      retryOnTimeout: true,
    },
    'console.signOut': { request: z.strictObject({}), response: z.strictObject({}), retryOnTimeout: true },
  },
  serverRequests: {},
  events: {
    /** A kiosk connected, disconnected or sent a heartbeat. */
    'kiosk.changed': consoleKioskSchema,
    /** Today's visits after one was added or ended. */
    'visits.changed': z.strictObject({ visits: consoleSnapshotSchema.shape.visits }),
    'audit.added': auditEntrySchema,
    'offlineCodes.changed': z.strictObject({
      housingUnitId: housingUnitIdSchema,
      offlineCodes: consoleHousingUnitSchema.shape.offlineCodes,
    }),
    /** A housing unit's update channel changed (from any console or the admin API). */
    'updateChannel.changed': z.strictObject({ housingUnitId: housingUnitIdSchema, channel: updateChannelSchema }),
    /** The session ended (signed out elsewhere, expired): the page goes back to sign-in. */
    'session.ended': z.strictObject({}),
  },
});
export type ConsoleProtocol = typeof consoleProtocol;
