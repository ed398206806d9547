import { z } from 'zod';
import { handsetModeSchema, type HandsetMode } from '../../shared/contract/devices';
import { cameraPositionSchema, type CameraPosition } from '../../shared/contract/kiosk';
import { hookSourceSettingSchema, type HookSourceConfig } from '../devices/handset/hook-source-config';
import { defaultProvisioningDir } from '../provisioning/provisioning-file';
import type { UnprovisionedStart } from '../provisioning/setup-step';

/**
 * Settings the kiosk reads from its environment at start. Provisioned, per-kiosk settings (housing
 * unit, device choices) belong to the store; these are the few a host needs before it has one.
 */
const runtimeConfigSchema = z.object({
  KIOSK_DATA_DIR: z.string().min(1).optional(),
  KIOSK_SERVER_URL: z.url({ protocol: /^https?$/ }).optional(),
  KIOSK_ENROLMENT_CODE: z.string().min(4).max(64).optional(),
  /** `1` lets a non-loopback server use plain http: the project's own test networks only. */
  KIOSK_ALLOW_PLAIN_HTTP: z.enum(['0', '1']).default('0'),
  /** What a kiosk with no server shows: the technician's setup, or (`unavailable`) the attract screen. */
  KIOSK_UNPROVISIONED: z.enum(['setup', 'unavailable']).default('setup'),
  KIOSK_PROVISIONING_DIR: z.string().min(1).default(defaultProvisioningDir),
  KIOSK_DEVTOOLS: z.enum(['0', '1']).default('0'),
  KIOSK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KIOSK_PREVIEW_HOST: z.string().min(1).default('127.0.0.1'),
  KIOSK_PREVIEW_PORT: z.coerce.number().int().min(0).max(65535).default(5173),
  KIOSK_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3600).optional(),
  /** Comma-separated, e.g. "300,60". */
  KIOSK_CALL_WARNING_SECONDS: z
    .string()
    .regex(/^\d{1,5}(,\d{1,5}){0,9}$/, 'seconds before the end, comma-separated')
    .transform((list) => list.split(',').map(Number))
    .optional(),
  KIOSK_RESUME_WITHIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** How long the attract screen must have shown, nobody at the kiosk, before an update installs. */
  KIOSK_UPDATE_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** The bandwidth an update's download may take: 128 KiB/s leaves a modest 4 Mbit/s link to the visit. */
  KIOSK_UPDATE_BYTES_PER_SECOND: z.coerce.number().int().min(1024).max(1_000_000_000).default(131_072),
  KIOSK_HANDSET: handsetModeSchema.optional(),
  /** A regular expression for the labels of the handset's USB audio device (its microphone and speaker). */
  KIOSK_HANDSET_AUDIO_LABEL: z
    .string()
    .min(1)
    .max(200)
    .refine((source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    }, 'a regular expression')
    .optional(),
  /** The handset's hook switch until a technician provisions one (`devices/handset/hook-source-config.ts`). */
  KIOSK_HOOK_SOURCE: hookSourceSettingSchema.optional(),
  KIOSK_HANDSET_HANGUP_SECONDS: z.coerce.number().int().min(1).max(600).optional(),
  /** Where the camera sits on the screen until provisioning stores one (`top_center`, `top_left`, `top_right`, `bottom_center`). */
  KIOSK_CAMERA_POSITION: cameraPositionSchema.optional(),
  /** `1`: the preview host's simulated handset and its test-only endpoint on 127.0.0.1. */
  KIOSK_SIMULATED_HANDSET: z.enum(['0', '1']).default('0'),
  KIOSK_SIMULATED_HANDSET_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export interface RuntimeConfig {
  dataDir: string | undefined;
  serverUrl: string | undefined;
  /** Used once, when the kiosk has no token for its server yet. */
  enrolmentCode: string | undefined;
  /** Plain http to a server beyond loopback; never in the field (`policy/server-url.ts`). */
  allowPlainHttp: boolean;
  /**
   * A kiosk with no server and no setup under way starts the technician's setup, or, for
   * development and tests of the inmate's screens, the attract screen with visits unavailable.
   */
  unprovisioned: UnprovisionedStart;
  /** Where first boot looks for a zero-touch provisioning file (`provisioning/provisioning-file.ts`). */
  provisioningDir: string;
  /** DevTools and their shortcuts, for a developer at a bench kiosk; never set in the field. */
  devTools: boolean;
  logLevel: z.infer<typeof runtimeConfigSchema>['KIOSK_LOG_LEVEL'];
  previewHost: string;
  previewPort: number;
  /** Unset: the kiosk's defaults (`kiosk/kiosk-settings.ts`). */
  idleTimeoutSeconds: number | undefined;
  callWarningSeconds: number[] | undefined;
  /**
   * A kiosk restarted during a visit goes back into the call without a new sign-in if it was away at
   * most this long by the server's clock (and the server agrees); 0 never does.
   */
  resumeWithinSeconds: number;
  updateIdleSeconds: number;
  updateBytesPerSecond: number;
  /** Unset: `optional` where a hook source is attached, `none` otherwise. */
  handset: HandsetMode | undefined;
  /** Unset: the store's, else none. */
  hookSource: HookSourceConfig | undefined;
  /** Unset: the kiosk's default (`kiosk/kiosk-settings.ts`). */
  handsetHangUpSeconds: number | undefined;
  /** Unset: the store's, else top centre. */
  cameraPosition: CameraPosition | undefined;
  /** Unset: the default rule's pattern (`devices/default-rule.ts`). */
  handsetAudioLabel: RegExp | undefined;
  /** The preview host only; the Electron host never reads it. */
  simulatedHandset: { port: number } | undefined;
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv): RuntimeConfig {
  const parsed = runtimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid kiosk environment: ${problems.join('; ')}`);
  }
  const env_ = parsed.data;
  return {
    dataDir: env_.KIOSK_DATA_DIR,
    serverUrl: env_.KIOSK_SERVER_URL,
    enrolmentCode: env_.KIOSK_ENROLMENT_CODE,
    allowPlainHttp: env_.KIOSK_ALLOW_PLAIN_HTTP === '1',
    unprovisioned: env_.KIOSK_UNPROVISIONED,
    provisioningDir: env_.KIOSK_PROVISIONING_DIR,
    devTools: env_.KIOSK_DEVTOOLS === '1',
    logLevel: env_.KIOSK_LOG_LEVEL,
    previewHost: env_.KIOSK_PREVIEW_HOST,
    previewPort: env_.KIOSK_PREVIEW_PORT,
    idleTimeoutSeconds: env_.KIOSK_IDLE_TIMEOUT_SECONDS,
    callWarningSeconds: env_.KIOSK_CALL_WARNING_SECONDS,
    resumeWithinSeconds: env_.KIOSK_RESUME_WITHIN_SECONDS,
    updateIdleSeconds: env_.KIOSK_UPDATE_IDLE_SECONDS,
    updateBytesPerSecond: env_.KIOSK_UPDATE_BYTES_PER_SECOND,
    handset: env_.KIOSK_HANDSET,
    hookSource: env_.KIOSK_HOOK_SOURCE,
    handsetHangUpSeconds: env_.KIOSK_HANDSET_HANGUP_SECONDS,
    cameraPosition: env_.KIOSK_CAMERA_POSITION,
    handsetAudioLabel:
      env_.KIOSK_HANDSET_AUDIO_LABEL === undefined ? undefined : new RegExp(env_.KIOSK_HANDSET_AUDIO_LABEL, 'i'),
    simulatedHandset: env_.KIOSK_SIMULATED_HANDSET === '1' ? { port: env_.KIOSK_SIMULATED_HANDSET_PORT } : undefined,
  };
}
