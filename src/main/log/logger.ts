import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Folder for rotated log files; omitted in unit tests that only need a sink. */
  dir?: string;
  level?: pino.LevelWithSilent;
  /** Mirror to standard output, for the preview host a developer watches in a terminal. */
  stdout?: boolean;
}

/**
 * Fields that may carry credentials or personal data. Logs leave the kiosk with technicians and
 * support tickets, so these are masked at any depth the kiosk's own objects use.
 */
const sensitiveFields = [
  'pin',
  'token',
  'kioskToken',
  'password',
  'secret',
  'authorization',
  'cookie',
  'enrolmentCode',
];
const redactPaths = sensitiveFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * Rotation runs in this thread (pino-roll as a plain stream, not a worker transport) so it works the
 * same inside Electron's asar archive as under Node.
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.dir !== undefined) {
    const file = await roll({
      file: join(options.dir, 'kiosk'),
      extension: '.log',
      frequency: 'daily',
      size: '10m',
      dateFormat: 'yyyy-MM-dd',
      limit: { count: 14 },
      mkdir: true,
    });
    streams.push({ level: 'trace', stream: file });
  }
  if (options.stdout === true) streams.push({ level: 'trace', stream: process.stdout });
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
    },
    pino.multistream(streams),
  );
}
