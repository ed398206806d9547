import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';
import { logRedaction } from '../../shared/log/redaction';

export type Logger = pino.Logger;

/** Where a kiosk's rotated log files live, under both hosts: diagnostics read them back from here. */
export const logFolder = (dataDir: string): string => join(dataDir, 'logs');

export interface LoggerOptions {
  /** Folder for rotated log files; omitted in unit tests that only need a sink. */
  dir?: string;
  level?: pino.LevelWithSilent;
  /** Mirror to standard output, for the preview host a developer watches in a terminal. */
  stdout?: boolean;
}

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
    reportWriteFailures(file);
    streams.push({ level: 'trace', stream: file });
  }
  if (options.stdout === true) streams.push({ level: 'trace', stream: process.stdout });
  return pino(
    {
      level,
      redact: logRedaction,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
    },
    pino.multistream(streams),
  );
}

/**
 * A log file that cannot be written (a full disk, a rotation that fails) must not take main down:
 * the kiosk keeps running without those lines. Standard error hears of it once per failure spell.
 */
function reportWriteFailures(file: NodeJS.EventEmitter): void {
  let failing = false;
  file.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    process.stderr.write(`kiosk log file cannot be written, lines are lost: ${error.message}\n`);
  });
  file.on('write', () => (failing = false));
}
