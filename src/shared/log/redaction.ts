/**
 * Fields that can carry a credential or a secret, masked in the kiosk's and the server's logs alike:
 * logs leave both with technicians and support tickets. One list, so a field one side starts logging
 * is already masked on the other.
 */
export const sensitiveLogFields = [
  'pin',
  'token',
  'kioskToken',
  'adminToken',
  'session',
  'ticket',
  'visitorCode',
  'enrolmentCode',
  'password',
  'secret',
  'authorization',
  'cookie',
] as const;

/** pino's `redact` option: each field at the top and at the depths both sides' own objects use. */
export const logRedaction = {
  paths: sensitiveLogFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  censor: '[redacted]',
};

/**
 * Fields that name or identify a person. Logs may carry them for a technician at the kiosk, but
 * nothing that leaves the kiosk (a diagnostics bundle) does.
 */
export const personalLogFields = [
  'inmateId',
  'inmateName',
  'displayName',
  'visitorName',
  'firstName',
  'lastName',
  'staffNumber',
] as const;
