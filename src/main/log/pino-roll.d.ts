declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
  }

  /** A SonicBoom stream: it emits `error` when a write or a rotation fails. */
  export default function roll(
    options: PinoRollOptions,
  ): Promise<DestinationStream & NodeJS.EventEmitter & { end(): void; flushSync(): void }>;
}
