import { randomUUID } from 'node:crypto';
import type { CommandOutcome } from '../../src/shared/protocol/console';
import type { StaffAction, StaffActor } from '../../src/shared/protocol/staff';
import type { AuditLog } from '../audit/audit-log';
import type { KioskLinks } from '../control/control-namespace';
import type { Logger } from '../log';
import type { Db } from '../store/database';

export interface StaffCommands {
  /** One action to one kiosk: given, audited, sent, and its answer audited. */
  toKiosk(kioskId: string, action: StaffAction, by: StaffActor | null, commandId?: string): Promise<CommandOutcome>;
  /**
   * One action to every kiosk of a housing unit at once (count, lockdown), each with its own
   * command ID; undefined when there is no such unit.
   */
  toHousingUnit(
    housingUnitId: string,
    action: StaffAction,
    by: StaffActor | null,
  ): Promise<CommandOutcome[] | undefined>;
}

/** The audit's action name for a command: `command.lock`, `command.show_message`, ... */
export const commandAuditAction = (action: StaffAction): string => `command.${action.type}`;

/**
 * Staff commands from the console (or the admin API, `by: null`). Each is recorded when given and
 * when answered. A kiosk that is not connected is reported `offline` at once rather than queued:
 * an officer must know that a lockdown did not reach a kiosk, not find out later.
 */
export function createStaffCommands(deps: {
  db: Db;
  kioskLinks: KioskLinks;
  audit: AuditLog;
  log: Logger;
}): StaffCommands {
  const { audit, kioskLinks, log } = deps;
  const unitExists = deps.db.prepare<[string], { id: string }>('SELECT id FROM housing_units WHERE id = ?');
  const kiosksOfUnit = deps.db.prepare<[string], { id: string }>(
    'SELECT id FROM kiosks WHERE housing_unit_id = ? ORDER BY id',
  );

  async function toKiosk(
    kioskId: string,
    action: StaffAction,
    by: StaffActor | null,
    id: string,
    unitCommandId?: string,
  ) {
    const who = {
      place: by?.where ?? ('server' as const),
      staffId: by?.staffId ?? null,
      actor: by === null ? 'admin' : undefined,
    };
    const detail = {
      commandId: id,
      ...(action.type === 'end_visit' && action.visitId !== undefined ? { visitId: action.visitId } : {}),
      ...(action.type === 'set_out_of_service' ? { reason: action.reason } : {}),
      ...(unitCommandId === undefined ? {} : { unitCommandId }),
    };
    audit.record({ ...who, action: commandAuditAction(action), kioskId, outcome: 'given', detail });
    const result = await kioskLinks.sendCommand(kioskId, { id, by, action });
    const outcome: CommandOutcome = result.ok
      ? result.result.status === 'accepted'
        ? { kioskId, status: 'accepted' }
        : { kioskId, status: 'refused', reason: result.result.reason ?? 'not_permitted' }
      : { kioskId, status: result.error.code === 'disconnected' ? 'offline' : 'failed' };
    if (!result.ok && result.error.code !== 'disconnected') {
      log.warn({ kioskId, commandId: id, code: result.error.code }, 'command got no valid answer');
    }
    audit.record({
      ...who,
      action: commandAuditAction(action),
      kioskId,
      outcome: outcome.reason ?? outcome.status,
      detail,
    });
    return outcome;
  }

  return {
    toKiosk: (kioskId, action, by, commandId = randomUUID()) => toKiosk(kioskId, action, by, commandId),
    async toHousingUnit(housingUnitId, action, by) {
      if (unitExists.get(housingUnitId) === undefined) return undefined;
      const unitCommandId = randomUUID();
      const kioskIds = kiosksOfUnit.all(housingUnitId).map((row) => row.id);
      log.info({ housingUnitId, type: action.type, kiosks: kioskIds.length }, 'command to a housing unit');
      return Promise.all(kioskIds.map((kioskId) => toKiosk(kioskId, action, by, randomUUID(), unitCommandId)));
    },
  };
}
