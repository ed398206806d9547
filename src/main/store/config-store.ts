import type Database from 'better-sqlite3';
import { z } from 'zod';
import { cameraPositionSchema } from '../../shared/contract/kiosk';
import { mediaCheckResultSchema } from '../../shared/contract/media-check';
import { certificateFingerprintSchema, setupPlacementSchema, setupStepSchema } from '../../shared/contract/setup';
import { setupSessionSchema } from '../../shared/protocol/setup';
import { deviceChoicesSchema } from '../devices/device-choices';
import { hookSourceConfigSchema } from '../devices/handset/hook-source-config';
import type { Logger } from '../log/logger';
import { StoreValidationError } from './errors';
import type { WriteGuard } from './write-guard';

/** A provisioned media or handset device; null when the kiosk has none of that kind. */
const deviceChoiceSchema = z
  .strictObject({
    label: z.string().min(1).max(200),
    /** Browsers may renumber devices after a reboot; the label is the fallback that stays. */
    deviceId: z.string().max(500).optional(),
  })
  .nullable();

/** What provisioning gives a kiosk. Each top-level field is stored, validated and read on its own. */
export const kioskConfigSchema = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/ }),
  kioskId: z.string().min(1).max(100),
  kioskToken: z.string().min(1).max(4096),
  housingUnit: z.string().min(1).max(100),
  devices: z.strictObject({
    camera: deviceChoiceSchema,
    microphone: deviceChoiceSchema,
    speaker: deviceChoiceSchema,
    handset: deviceChoiceSchema,
  }),
  /**
   * Each media role's device as the device service resolved it (the default rule, until a
   * technician chooses): read at every start, so a choice does not wander.
   */
  deviceChoices: deviceChoicesSchema.optional(),
  /**
   * How far a technician's first-boot setup got (`provisioning/setup-step.ts`); absent on a kiosk
   * its environment provisioned.
   */
  setupStep: setupStepSchema.optional(),
  /**
   * The technician's setup session (`shared/protocol/setup.ts`), kept so a kiosk powered off during
   * placement resumes there while it lasts; short-lived and good for setup only, never a PIN.
   */
  setupSession: setupSessionSchema.optional(),
  /**
   * Where setup placed the kiosk (the unit's name, the place), kept from enrolment until setup is
   * done, so the steps after placement (devices, check) say it after a restart.
   */
  setupPlacement: setupPlacementSchema.optional(),
  /** The network and media check that let setup finish, as main judged it. */
  mediaCheck: mediaCheckResultSchema.optional(),
  /** The ID of this kiosk's setup enrolment, fixed before the first request, so a retry enrols the same kiosk. */
  setupRequestId: z.uuid().optional(),
  /** The server certificate's SHA-256 fingerprint the technician accepted; null for plain http on loopback. */
  serverFingerprint: certificateFingerprintSchema.nullable().optional(),
  /**
   * The SHA-256 of the zero-touch provisioning file this kiosk finished setup with (or went on by
   * hand from), stored with the step `done`: the same file is never applied to this kiosk again.
   */
  provisioningFileHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Where the camera sits on the screen, as provisioned; absent: the environment's, else top centre. */
  cameraPosition: cameraPositionSchema.optional(),
  /** The handset's hook switch, as a technician provisioned it. */
  hookSource: hookSourceConfigSchema.optional(),
  /** The facility's rules; defaults apply until the server sends its own. */
  policy: z
    .strictObject({
      idleTimeoutSeconds: z.number().int().min(10).max(3600).default(60),
      visitEndWarningsSeconds: z.array(z.number().int().positive()).max(10).default([300, 60]),
      reconnectGraceSeconds: z.number().int().min(0).max(600).default(120),
    })
    .prefault({}),
});
export type KioskConfig = z.output<typeof kioskConfigSchema>;
export type KioskConfigInput = z.input<typeof kioskConfigSchema>;
export type ConfigKey = keyof KioskConfig;

const fieldSchemas = kioskConfigSchema.shape;
const configRowSchema = z.object({ key: z.string(), value: z.string() });

function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(fieldSchemas, key);
}

export interface ConfigStoreOptions {
  db: Database.Database;
  guard: WriteGuard;
  now: () => number;
  log: Logger;
}

/** The kiosk's provisioned configuration, typed and validated on the way in and on the way out. */
export class ConfigStore {
  private readonly guard: WriteGuard;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor({ db, guard, now, log }: ConfigStoreOptions) {
    this.guard = guard;
    this.now = now;
    this.log = log;
    this.statements = prepareStatements(db);
  }

  /** The stored value, its default when it has one, or undefined when it is not provisioned. */
  get<K extends ConfigKey>(key: K): KioskConfig[K] | undefined {
    const row = this.guard.read(() => this.statements.get.get(key));
    return this.parseField(key, row === undefined ? undefined : configRowSchema.parse(row).value) as
      KioskConfig[K] | undefined;
  }

  /**
   * Writes the given fields and removes the `forget` ones in one transaction, after all of the
   * given ones passed validation.
   */
  set(values: Partial<KioskConfigInput>, forget: readonly ConfigKey[] = []): void {
    const checked = kioskConfigSchema.partial().safeParse(values);
    if (!checked.success) throw new StoreValidationError(`config: ${z.prettifyError(checked.error)}`);
    // Only the fields given: partial() fills in defaults for absent ones, which must not be stored.
    const entries = Object.keys(values)
      .filter((key) => values[key as ConfigKey] !== undefined)
      .map((key) => [key, JSON.stringify(checked.data[key as ConfigKey])] as const);
    const at = this.now();
    this.guard.write(() => {
      for (const [key, value] of entries) this.statements.upsert.run(key, value, at);
      for (const key of forget) this.statements.remove.run(key);
    });
  }

  /** The whole configuration once every required field is provisioned, otherwise null. */
  provisioned(): KioskConfig | null {
    const rows = this.guard.read(() => this.statements.all.all()).map((row) => configRowSchema.parse(row));
    const values: Record<string, unknown> = {};
    for (const { key, value } of rows) {
      if (isConfigKey(key)) values[key] = this.parseField(key, value);
    }
    const parsed = kioskConfigSchema.safeParse(values);
    return parsed.success ? parsed.data : null;
  }

  /** Forgets the whole provisioning, for a kiosk that is re-enrolled or decommissioned. */
  clear(): void {
    this.guard.write(() => this.statements.clear.run());
  }

  /**
   * A stored value that no longer validates is treated as not provisioned, so the kiosk asks for a
   * technician instead of running on a value it does not understand (or crashing at every start).
   */
  private parseField(key: ConfigKey, stored: string | undefined): unknown {
    const parsed = fieldSchemas[key].safeParse(stored === undefined ? undefined : JSON.parse(stored));
    if (parsed.success) return parsed.data;
    if (stored !== undefined) this.log.warn({ key, issues: parsed.error.issues }, 'config: stored value is invalid');
    return undefined;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    get: db.prepare('SELECT key, value FROM config WHERE key = ?'),
    all: db.prepare('SELECT key, value FROM config'),
    upsert: db.prepare(
      `INSERT INTO config (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    clear: db.prepare('DELETE FROM config'),
    remove: db.prepare('DELETE FROM config WHERE key = ?'),
  };
}
