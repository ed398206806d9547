import { z } from 'zod';
import { displayNameSchema, isoTimeSchema, visitIdSchema } from '../protocol/common';
import { visitEndReasonSchema, visitSummarySchema, type VisitSummary } from '../protocol/visit';

const revision = z.number().int().nonnegative();

export { visitSummarySchema, type VisitSummary };

export const inmateSchema = z.strictObject({ displayName: displayNameSchema });

export const signInFailureSchema = z.strictObject({
  reason: z.enum(['bad_credentials', 'locked_out', 'wrong_housing_unit', 'server_unavailable']),
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

/** How the person at the kiosk chose to see it; reset for the next person. */
export const preferencesSchema = z.strictObject({ language: languageSchema, largeText: z.boolean() });
export type Preferences = z.infer<typeof preferencesSchema>;

/** No touch for a while: unless someone touches the screen by `signsOutAt`, the kiosk signs them out. */
export const idleWarningSchema = z.strictObject({ signsOutAt: isoTimeSchema });
export type IdleWarning = z.infer<typeof idleWarningSchema>;

const seconds = z.number().int().nonnegative();

/** What the after-call screen reports: the time media flowed, and the time lost to drops (owed as credit). */
export const callTimeSchema = z.strictObject({ connectedSeconds: seconds, lostSeconds: seconds });
export type CallTime = z.infer<typeof callTimeSchema>;

/** What every screen carries besides its own content. */
const everyScreen = { revision, preferences: preferencesSchema, idleWarning: idleWarningSchema.nullable() };

/**
 * The screen main says the kiosk is on, with exactly what that screen needs. The renderer draws it
 * and holds nothing else, so a reloaded renderer comes back to the same place.
 */
export const kioskSnapshotSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('attract'), ...everyScreen }),
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
    /** Seconds before the visit's end at which the person is warned, each once. */
    warningSeconds: z.array(seconds).max(10),
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

export const staffMessageSchema = z.strictObject({ id: z.uuid(), text: z.string().min(1).max(500) });
export type StaffMessage = z.infer<typeof staffMessageSchema>;

export const hostKindSchema = z.enum(['electron', 'preview']);
export type HostKind = z.infer<typeof hostKindSchema>;

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
