import pino from 'pino';
import { logRedaction } from '../src/shared/log/redaction';

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

/** JSON lines to standard output, or to `destination` when a test reads them. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    redact: logRedaction,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { service: 'visitation-server' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
