import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './log';

/** Everything an operator sets, read from the environment once at start. */
const envSchema = z.object({
  VISITATION_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port; the printed URL says which. */
  VISITATION_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Where mediasoup's WebRTC transports listen, and the address they tell browsers (behind NAT). */
  VISITATION_MEDIA_LISTEN_IP: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
  VISITATION_MEDIA_ANNOUNCED_IP: z.string().min(1).optional(),
  VISITATION_MEDIA_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  VISITATION_MEDIA_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999),
  VISITATION_MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** How long a media ticket from `visit.join` admits its holder; a rejoin after that asks again. */
  VISITATION_MEDIA_TICKET_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  VISITATION_TLS_CERT: z.string().min(1).optional(),
  VISITATION_TLS_KEY: z.string().min(1).optional(),
  VISITATION_DATA_DIR: z.string().min(1).default(join(tmpdir(), 'visitation-server')),
  VISITATION_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token for the staff endpoints under /api/admin; a random one is made and printed when unset. */
  VISITATION_ADMIN_TOKEN: z.string().min(16).optional(),
  /** `1`: seed the demo facility (public, fixed credentials). Off unless asked, like `--demo`. */
  VISITATION_DEMO: z.enum(['0', '1']).default('0'),
  /** The folder of published kiosk updates (`latest-linux.yml`, `pilot-linux.yml` and their files); unset: none. */
  VISITATION_UPDATES_DIR: z.string().min(1).optional(),
});

export interface ServerConfig {
  host: string;
  port: number;
  media: MediaConfig;
  tls: { certFile: string; keyFile: string } | undefined;
  dataDir: string;
  logLevel: LogLevel;
  adminToken: string | undefined;
  /** Seed the demo facility, whose enrolment code, PINs and visit codes are public. */
  demo: boolean;
  /** Where the update feed's files are; undefined: this server publishes no updates. */
  updatesDir: string | undefined;
}

export interface MediaConfig {
  listenIp: string;
  announcedIp: string | undefined;
  minPort: number;
  maxPort: number;
  /** Defaults to one per core, up to two. */
  workers: number | undefined;
  ticketTtlMs: number;
}

/** The environment, with `--demo` among the arguments counting as `VISITATION_DEMO=1`. */
export function loadConfig(env: NodeJS.ProcessEnv, args: readonly string[] = []): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid server environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if ((e.VISITATION_TLS_CERT === undefined) !== (e.VISITATION_TLS_KEY === undefined)) {
    throw new Error('invalid server environment: set both VISITATION_TLS_CERT and VISITATION_TLS_KEY, or neither');
  }
  if (e.VISITATION_MEDIA_MIN_PORT > e.VISITATION_MEDIA_MAX_PORT) {
    throw new Error('invalid server environment: VISITATION_MEDIA_MIN_PORT is above VISITATION_MEDIA_MAX_PORT');
  }
  return {
    host: e.VISITATION_HOST,
    port: e.VISITATION_PORT,
    media: {
      listenIp: e.VISITATION_MEDIA_LISTEN_IP,
      announcedIp: e.VISITATION_MEDIA_ANNOUNCED_IP,
      minPort: e.VISITATION_MEDIA_MIN_PORT,
      maxPort: e.VISITATION_MEDIA_MAX_PORT,
      workers: e.VISITATION_MEDIA_WORKERS,
      ticketTtlMs: e.VISITATION_MEDIA_TICKET_SECONDS * 1000,
    },
    tls:
      e.VISITATION_TLS_CERT !== undefined && e.VISITATION_TLS_KEY !== undefined
        ? { certFile: e.VISITATION_TLS_CERT, keyFile: e.VISITATION_TLS_KEY }
        : undefined,
    dataDir: e.VISITATION_DATA_DIR,
    logLevel: e.VISITATION_LOG_LEVEL,
    adminToken: e.VISITATION_ADMIN_TOKEN,
    demo: e.VISITATION_DEMO === '1' || args.includes('--demo'),
    updatesDir: e.VISITATION_UPDATES_DIR,
  };
}
