import { z } from 'zod';
import { displayNameSchema, hostKindSchema, isoTimeSchema, visitIdSchema } from '../protocol/common';
import { diagnosticsBundleSchema } from '../protocol/diagnostics';
import { kioskStatusSchema } from '../protocol/kiosk-status';
import { housingUnitSchema, kioskLocationSchema, kioskPlacementSchema } from '../protocol/setup';
import {
  outOfServiceReasonSchema,
  serviceStateSchema,
  staffActionRefusalSchema,
  staffActionSchema,
  staffMemberSchema,
  staffNumberSchema,
} from '../protocol/staff';
import { visitEndReasonSchema, visitSummarySchema, type VisitSummary } from '../protocol/visit';
import { callDevicesSchema, deviceChooserSchema, deviceSelectionFailureSchema } from './devices';
import { checkStepSchema, setupViewSchema } from './setup';

const revision = z.number().int().nonnegative();

export { visitSummarySchema, type VisitSummary };

export const inmateSchema = z.strictObject({ displayName: displayNameSchema });

export const signInFailureSchema = z.strictObject({
  /** `server_not_secure`: the kiosk refused its server's address (plain http beyond loopback). */
  reason: z.enum(['bad_credentials', 'locked_out', 'wrong_housing_unit', 'server_unavailable', 'server_not_secure']),
  /** For a lockout: when the server accepts this inmate's sign-in again. */
  retryAt: isoTimeSchema.nullable(),
});
export type SignInFailure = z.infer<typeof signInFailureSchema>;

export const visitNoticeSchema = z.strictObject({
  reason: z.enum(['visit_not_open', 'visit_over', 'server_unavailable', 'call_failed']),
  visitId: visitIdSchema,
});
export type VisitNotice = z.infer<typeof visitNoticeSchema>;

/** Why a call ended, as the renderer reports it to main: the server's reasons, or a local failure. */
export const callEndReasonSchema = z.enum([...visitEndReasonSchema.options, 'failed']);
export type CallEndReason = z.infer<typeof callEndReasonSchema>;

/** The languages every screen is written in. */
export const languageSchema = z.enum(['en', 'es']);
export type Language = z.infer<typeof languageSchema>;

/**
 * Where the kiosk's camera sits on its screen, as provisioned: the call puts the visitor's face as
 * close under it as the screen allows, so that looking at the face is looking at the camera.
 */
export const cameraPositionSchema = z.enum(['top_center', 'top_left', 'top_right', 'bottom_center']);
export type CameraPosition = z.infer<typeof cameraPositionSchema>;
/** Most kiosk housings carry the camera above the middle of the screen. */
export const defaultCameraPosition: CameraPosition = 'top_center';

/** How the person at the kiosk chose to see it; reset for the next person. */
export const preferencesSchema = z.strictObject({ language: languageSchema, largeText: z.boolean() });
export type Preferences = z.infer<typeof preferencesSchema>;

/** No touch for a while: unless someone touches the screen by `signsOutAt`, the kiosk signs them out. */
export const idleWarningSchema = z.strictObject({ signsOutAt: isoTimeSchema });
export type IdleWarning = z.infer<typeof idleWarningSchema>;

const seconds = z.number().int().nonnegative();

/** A visit's end is near: given once per threshold by main's visit session, with a tone. */
export const callWarningSchema = z.strictObject({
  /** The threshold, in seconds before the end. */
  secondsBefore: seconds,
  /** The time actually left when it was given. */
  secondsLeft: seconds,
  endsAt: isoTimeSchema,
  /** When main gave it, so a renderer that loads later neither shows nor sounds an old one. */
  givenAt: isoTimeSchema,
});
export type CallWarning = z.infer<typeof callWarningSchema>;

/**
 * Why the visitor's media stopped reaching the kiosk, as the call knows it: the signalling socket
 * is gone, media stopped arriving, a transport's ICE connection dropped, the server reset the room,
 * or the visitor left.
 */
export const mediaDropCauseSchema = z.enum([
  'signalling_lost',
  'media_stalled',
  'ice_disconnected',
  'room_reset',
  'visitor_left',
]);
export type MediaDropCause = z.infer<typeof mediaDropCauseSchema>;

/** The call's word to main on whether the visitor's media reaches the kiosk. */
export const mediaReportSchema = z.strictObject({
  connected: z.boolean(),
  /** When not connected: why. */
  cause: mediaDropCauseSchema.optional(),
  /** When not connected: how long before the report media last arrived; a stall is noticed late. */
  stoppedMsAgo: z.number().int().min(0).max(10_000).optional(),
  /** When connected: how long before the report media began to flow; a return is confirmed late. */
  startedMsAgo: z.number().int().min(0).max(10_000).optional(),
});
export type MediaReport = z.infer<typeof mediaReportSchema>;

/** What the after-call screen reports: the time media flowed, and the time lost to drops (owed as credit). */
export const callTimeSchema = z.strictObject({ connectedSeconds: seconds, lostSeconds: seconds });
export type CallTime = z.infer<typeof callTimeSchema>;

export const staffSignInFailureSchema = z.strictObject({
  reason: z.enum(['bad_credentials', 'locked_out', 'server_unavailable', 'not_permitted', 'offline_code_refused']),
  /** For a lockout: when the server accepts this staff number again. */
  retryAt: isoTimeSchema.nullable(),
});
export type StaffSignInFailure = z.infer<typeof staffSignInFailureSchema>;

/** The kiosk's state at a glance, as main knows it, for the staff panel. */
export const kioskAtAGlanceSchema = z.strictObject({
  service: serviceStateSchema,
  visit: z
    .strictObject({
      visitId: visitIdSchema,
      visitorName: displayNameSchema,
      endsAt: isoTimeSchema,
      state: kioskStatusSchema.shape.visitState.unwrap(),
    })
    .nullable(),
  devices: kioskStatusSchema.shape.devices,
  serverLink: z.enum(['connected', 'disconnected', 'not_configured']),
  outboxPending: z.number().int().nonnegative(),
  version: z.string().min(1).max(50),
});
export type KioskAtAGlance = z.infer<typeof kioskAtAGlanceSchema>;

export const decommissionRefusalSchema = z.enum([
  'not_signed_in',
  'not_permitted',
  /** A visit is under way: it is never cut off. */
  'in_visit',
  /** The server must record a decommission (and any records a forced one loses) first. */
  'server_unreachable',
  /** The server refused it (an account that is no technician's there). */
  'server_refused',
  /** The server recorded it but the store could not be wiped (a failing disk). */
  'wipe_failed',
  'not_supported',
]);
export type DecommissionRefusal = z.infer<typeof decommissionRefusalSchema>;

const count = z.number().int().nonnegative();

/** A decommission under way at the panel, as main says; null when none is. */
export const decommissionViewSchema = z
  .discriminatedUnion('stage', [
    /** Waiting for the outbox to drain: `pending` left, `delivered` since the technician asked. */
    z.strictObject({ stage: z.literal('draining'), pending: count, delivered: count }),
    /** The server is recording it; nothing is wiped before it answers. */
    z.strictObject({ stage: z.literal('auditing'), forced: z.boolean(), recordsLost: count }),
    /** Wiped: the kiosk starts again at first boot. */
    z.strictObject({ stage: z.literal('wiped') }),
    z.strictObject({ stage: z.literal('refused'), reason: decommissionRefusalSchema, pending: count }),
  ])
  .nullable();
export type DecommissionView = z.infer<typeof decommissionViewSchema>;

/** Why a move to another housing unit did not happen (or not yet). */
export const kioskMoveFailureSchema = z.enum([
  'not_permitted',
  /** A visit is under way: it is never cut off. */
  'in_visit',
  'server_unreachable',
  /** The server refused it (an account that is no technician's there). */
  'server_refused',
  /** The unit chosen was removed meanwhile: the list is the server's again. */
  'unit_gone',
  'not_supported',
]);
export type KioskMoveFailure = z.infer<typeof kioskMoveFailureSchema>;

/**
 * A technician moving the kiosk to another housing unit at the panel, as main says; null when no
 * move is under way. `current` is the unit the server has the kiosk in now.
 */
export const kioskMoveViewSchema = z
  .discriminatedUnion('stage', [
    z.strictObject({ stage: z.literal('loading') }),
    z.strictObject({
      stage: z.literal('choosing'),
      housingUnits: z.array(housingUnitSchema).max(500),
      current: housingUnitSchema.shape.id,
      failure: kioskMoveFailureSchema.nullable(),
    }),
    z.strictObject({
      stage: z.literal('moving'),
      housingUnitId: housingUnitSchema.shape.id,
      location: kioskLocationSchema,
    }),
    /** The server re-enrolled the kiosk there: it starts again in its new unit. */
    z.strictObject({ stage: z.literal('moved'), placement: kioskPlacementSchema }),
    /** The move could not even begin (no list of units). */
    z.strictObject({ stage: z.literal('refused'), reason: kioskMoveFailureSchema }),
  ])
  .nullable();
export type KioskMoveView = z.infer<typeof kioskMoveViewSchema>;

/**
 * A technician's network and media check at the panel, the same test call first boot runs: null
 * until one is asked for. `refused` says why the last ask did not start one.
 */
export const technicianCheckViewSchema = z
  .strictObject({
    step: checkStepSchema,
    refused: z.enum(['not_permitted', 'in_visit', 'not_supported']).nullable(),
  })
  .nullable();
export type TechnicianCheckView = z.infer<typeof technicianCheckViewSchema>;

/**
 * The staff overlay, drawn over whatever screen the inmate's session is on (a call goes on under
 * it). Null when no staff member is at the kiosk: then nothing of it is on screen.
 */
export const staffOverlaySchema = z
  .discriminatedUnion('stage', [
    z.strictObject({
      stage: z.literal('signIn'),
      /** What a badge reader typed, filled in for the officer. */
      staffNumber: staffNumberSchema.nullable(),
      busy: z.boolean(),
      failure: staffSignInFailureSchema.nullable(),
      /** The server cannot be reached: staff sign in with an offline code instead. */
      offline: z.boolean(),
    }),
    z.strictObject({
      stage: z.literal('panel'),
      staff: staffMemberSchema.pick({ displayName: true, role: true }),
      kiosk: kioskAtAGlanceSchema,
      /**
       * The device chooser, for a staff member who may change the kiosk's devices (a technician);
       * null for anyone else.
       */
      devices: deviceChooserSchema.nullable(),
      /** The answer to the last change of devices made in this panel. */
      lastDeviceChange: z
        .strictObject({
          status: z.enum(['accepted', 'refused']),
          reason: z.enum(['not_permitted', 'visit_in_progress', ...deviceSelectionFailureSchema.options]).optional(),
        })
        .nullable(),
      /** The answer to the last action taken in this panel. */
      lastAction: z
        .strictObject({
          action: staffActionSchema,
          status: z.enum(['accepted', 'refused']),
          reason: staffActionRefusalSchema.optional(),
        })
        .nullable(),
      decommission: decommissionViewSchema,
      move: kioskMoveViewSchema,
      check: technicianCheckViewSchema,
    }),
  ])
  .nullable();
export type StaffOverlay = z.infer<typeof staffOverlaySchema>;

/**
 * A technician's diagnostics on the kiosk's own screen: the same bundle the console collects
 * remotely, answered to the request rather than carried in every snapshot (200 log lines). Refused
 * unless a technician is signed in at the panel.
 */
export const staffDiagnosticsSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('collected'), bundle: diagnosticsBundleSchema }),
  z.strictObject({ status: z.literal('refused'), reason: z.enum(['not_permitted', 'not_signed_in', 'not_supported']) }),
]);
export type StaffDiagnostics = z.infer<typeof staffDiagnosticsSchema>;

/**
 * What every screen carries besides its own content; `devices` says which camera, microphone and
 * speaker the renderer must open, since it never picks one itself.
 */
const everyScreen = {
  revision,
  preferences: preferencesSchema,
  idleWarning: idleWarningSchema.nullable(),
  staff: staffOverlaySchema,
  devices: callDevicesSchema,
};

/**
 * The screen main says the kiosk is on, with exactly what that screen needs. The renderer draws it
 * and holds nothing else, so a reloaded renderer comes back to the same place.
 */
export const kioskSnapshotSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('attract'), ...everyScreen }),
  /** A kiosk with no provisioning: the technician's first-boot setup, in place of every other screen. */
  z.strictObject({ screen: z.literal('setup'), ...everyScreen, setup: setupViewSchema }),

  /**
   * The console asked this idle kiosk for its network and media check: a calm screen in place of
   * the attract (or locked, out-of-service) screen while the test call runs, seconds at most.
   */
  z.strictObject({
    screen: z.literal('networkCheck'),
    ...everyScreen,
    check: checkStepSchema,
  }),
  /** Staff locked the kiosk: nobody may sign in until they unlock it. */
  z.strictObject({ screen: z.literal('locked'), ...everyScreen }),
  z.strictObject({ screen: z.literal('outOfService'), ...everyScreen, reason: outOfServiceReasonSchema }),
  /**
   * The camera or microphone is missing or failed: nobody can start a visit until it works again,
   * and staff have been told (heartbeat and outbox). Main leaves it by itself when the device returns.
   */
  z.strictObject({ screen: z.literal('devicesUnavailable'), ...everyScreen }),
  z.strictObject({
    screen: z.literal('signIn'),
    ...everyScreen,
    busy: z.boolean(),
    failure: signInFailureSchema.nullable(),
  }),
  z.strictObject({
    screen: z.literal('visits'),
    ...everyScreen,
    busy: z.boolean(),
    inmate: inmateSchema,
    visits: z.array(visitSummarySchema).max(100),
    notice: visitNoticeSchema.nullable(),
  }),
  z.strictObject({
    /** Before the call: the person sees and hears themselves and acknowledges the recording notice. */
    screen: z.literal('precheck'),
    ...everyScreen,
    /** True while main asks the server to join the visit. */
    busy: z.boolean(),
    inmate: inmateSchema,
    visit: visitSummarySchema,
  }),
  z.strictObject({
    screen: z.literal('call'),
    ...everyScreen,
    inmate: inmateSchema,
    visit: visitSummarySchema,
    /** Where and how the renderer joins the visit's media room. */
    media: z.strictObject({ serverUrl: z.url(), ticket: z.string().min(1).max(4096) }),
    /** The latest warning that the end is near; null until one is given. */
    warning: callWarningSchema.nullable(),
    cameraPosition: cameraPositionSchema,
  }),
  z.strictObject({
    screen: z.literal('summary'),
    ...everyScreen,
    visit: visitSummarySchema,
    reason: callEndReasonSchema,
    time: callTimeSchema,
  }),
]);
export type KioskSnapshot = z.infer<typeof kioskSnapshotSchema>;
export type KioskScreen = KioskSnapshot['screen'];

type WithoutStaff<S> = S extends unknown ? Omit<S, 'staff'> : never;
/** The inmate's session as the kiosk machine draws it; the staff overlay, service and setup screens are added after. */
export type SessionSnapshot = WithoutStaff<
  Exclude<KioskSnapshot, { screen: 'locked' | 'outOfService' | 'setup' | 'networkCheck' }>
>;

export const staffMessageSchema = z.strictObject({ id: z.uuid(), text: z.string().min(1).max(500) });
export type StaffMessage = z.infer<typeof staffMessageSchema>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: hostKindSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const rendererErrorSchema = z.strictObject({
  message: z.string().max(2000),
  stack: z.string().max(10000).optional(),
});
