import pino from 'pino';

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

/** Fields that carry credentials; they are masked wherever the server's own objects put them. */
const sensitiveFields = [
  'pin',
  'token',
  'session',
  'ticket',
  'visitorCode',
  'enrolmentCode',
  'authorization',
  'adminToken',
];
const redactPaths = sensitiveFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { service: 'visitation-server' },
  });
}
