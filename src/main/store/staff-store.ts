import type Database from 'better-sqlite3';
import { z } from 'zod';
import { kioskCommandAckSchema, type KioskCommandAck } from '../../shared/protocol/control';
import {
  offlineCodeVerifierSchema,
  serviceStateSchema,
  type OfflineCodeVerifier,
  type ServiceState,
} from '../../shared/protocol/staff';
import type { WriteGuard } from './write-guard';

const stateRowSchema = z.object({ state: z.string() });
const answerRowSchema = z.object({ answer: z.string() });
const verifierRowSchema = z.object({ verifier: z.string() });

export interface StaffStoreOptions {
  db: Database.Database;
  guard: WriteGuard;
  now: () => number;
}

/**
 * What officer mode keeps on disk: the service state, the remote commands carried out with their
 * answers, and the housing unit's offline code verifiers. Staff PINs are never here.
 */
export class StaffStore {
  private readonly guard: WriteGuard;
  private readonly now: () => number;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor({ db, guard, now }: StaffStoreOptions) {
    this.guard = guard;
    this.now = now;
    this.statements = prepareStatements(db);
  }

  /** In service until staff say otherwise; a stored value that no longer validates reads as locked. */
  serviceState(): ServiceState {
    const row = this.guard.read(() => this.statements.getState.get());
    if (row === undefined) return { state: 'in_service' };
    const parsed = serviceStateSchema.safeParse(JSON.parse(stateRowSchema.parse(row).state));
    // Deny by default: a kiosk that cannot tell whether it was locked stays closed to inmates.
    return parsed.success ? parsed.data : { state: 'locked', since: new Date(0).toISOString(), by: 'unknown' };
  }

  setServiceState(state: ServiceState): void {
    const checked = serviceStateSchema.parse(state);
    this.guard.write(() => this.statements.putState.run(JSON.stringify(checked), this.now()));
  }

  /** The answer a command ID got when it was carried out, if it was. */
  commandAnswer(id: string): KioskCommandAck | undefined {
    const row = this.guard.read(() => this.statements.getAnswer.get(id));
    return row === undefined ? undefined : kioskCommandAckSchema.parse(JSON.parse(answerRowSchema.parse(row).answer));
  }

  recordCommand(id: string, actionType: string, answer: KioskCommandAck): void {
    const checked = kioskCommandAckSchema.parse(answer);
    this.guard.write(() => this.statements.putAnswer.run(id, actionType, JSON.stringify(checked), this.now()));
  }

  /** Replaces the verifiers with the server's list, keeping the mark of any used here meanwhile. */
  replaceVerifiers(verifiers: readonly OfflineCodeVerifier[]): void {
    const checked = verifiers.map((verifier) => offlineCodeVerifierSchema.parse(verifier));
    this.guard.write(() => {
      const usedHere = new Set(
        this.statements.usedIds.all().map((row) => z.object({ code_id: z.string() }).parse(row).code_id),
      );
      this.statements.clearVerifiers.run();
      for (const verifier of checked) {
        this.statements.putVerifier.run(
          verifier.codeId,
          JSON.stringify(verifier),
          Date.parse(verifier.expiresAt),
          usedHere.has(verifier.codeId) ? this.now() : null,
        );
      }
    });
  }

  /** Unused and unexpired at `at` (the server's clock). */
  usableVerifiers(at: number): OfflineCodeVerifier[] {
    return this.guard
      .read(() => this.statements.usable.all(at))
      .map((row) => offlineCodeVerifierSchema.parse(JSON.parse(verifierRowSchema.parse(row).verifier)));
  }

  /** True when this call marked it; false when it was already used (two tries racing). */
  markVerifierUsed(codeId: string): boolean {
    return this.guard.write(() => this.statements.markUsed.run(this.now(), codeId).changes === 1);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    getState: db.prepare('SELECT state FROM service_state WHERE id = 1'),
    putState: db.prepare(
      `INSERT INTO service_state (id, state, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ),
    getAnswer: db.prepare('SELECT answer FROM staff_commands WHERE id = ?'),
    putAnswer: db.prepare('INSERT INTO staff_commands (id, action, answer, applied_at) VALUES (?, ?, ?, ?)'),
    usedIds: db.prepare('SELECT code_id FROM offline_code_verifiers WHERE used_at IS NOT NULL'),
    clearVerifiers: db.prepare('DELETE FROM offline_code_verifiers'),
    putVerifier: db.prepare(
      'INSERT INTO offline_code_verifiers (code_id, verifier, expires_at, used_at) VALUES (?, ?, ?, ?)',
    ),
    usable: db.prepare(
      'SELECT verifier FROM offline_code_verifiers WHERE used_at IS NULL AND expires_at > ? ORDER BY code_id',
    ),
    markUsed: db.prepare('UPDATE offline_code_verifiers SET used_at = ? WHERE code_id = ? AND used_at IS NULL'),
  };
}
