import { randomUUID } from 'node:crypto';
import type { DeviceSelection, DeviceSelectionFailure } from '../../shared/contract/devices';
import type { KioskCommandAck } from '../../shared/protocol/control';
import type { DeviceService } from '../devices/device-service';
import type { StaffAction, StaffActionRefusal, StaffRole } from '../../shared/protocol/staff';
import type { KioskMachine } from '../kiosk/kiosk-machine';
import type { StaffMessageBoard } from '../kiosk/staff-message';
import type { AuditEntry } from '../store/audit-log';
import { mayPerform } from './permissions';
import type { ServiceChange, ServiceDimension } from './service-dimension';

/** Who acts: a signed-in staff member, a console's staff member, or the server's admin API (`staffId` null). */
export interface StaffActing {
  staffId: string | null;
  role: StaffRole | null;
  where: 'kiosk' | 'console';
}

/** A remote command being carried out: its ID, and where its answer is stored in the same transaction. */
export interface RemoteCommand {
  id: string;
  store: (answer: Omit<KioskCommandAck, 'id'>) => void;
}

export type ActionOutcome = { status: 'accepted' } | { status: 'refused'; reason: StaffActionRefusal };

/** A technician's change of devices at the panel: done, or why not. */
export type DeviceChangeOutcome =
  | { status: 'accepted' }
  | { status: 'refused'; reason: 'not_permitted' | 'visit_in_progress' | DeviceSelectionFailure };

export interface StaffActionsDeps {
  service: ServiceDimension;
  kiosk: KioskMachine;
  messages: StaffMessageBoard;
  audit: { record(entry: AuditEntry): unknown };
  /** One store transaction: the change, its audit entry and (for a command) its answer, all or none. */
  atomically: <T>(work: () => T) => T;
  /** The device service: a technician's change of devices is stored through it, by identity. */
  devices: Pick<DeviceService, 'choose' | 'chooser'>;
  /** A reset draws the kiosk afresh: the renderer loads again from main's snapshot. */
  reloadRenderer: () => void;
  /** Asks the host to restart main, once the action's answer is stored; absent where a host cannot. */
  restartApp?: () => void;
  /**
   * Asks the host to reboot the computer, once the action's answer is stored; absent where the host
   * cannot (the preview host, a machine whose OS session does not permit it).
   */
  reboot?: () => void;
}

/** The audit's actor: `officer:<staffId>`, `technician:<staffId>`, `staff:<staffId>` (role not given), or `server`. */
export function actorName({ staffId, role }: StaffActing): string {
  if (staffId === null) return 'server';
  return `${role ?? 'staff'}:${staffId}`;
}

/**
 * The staff actions, the same from the kiosk's staff panel and from the console. Each is decided,
 * applied and audited in one store transaction; `record` (a remote command's answer) joins it.
 */
export class StaffActions {
  constructor(private readonly deps: StaffActionsDeps) {}

  perform(action: StaffAction, by: StaffActing, command?: RemoteCommand): ActionOutcome {
    let reload = false;
    let restart = false;
    let reboot = false;
    const outcome = this.deps.atomically(() => {
      const detail: AuditEntry['detail'] = {
        where: by.where,
        ...(command === undefined ? {} : { commandId: command.id }),
      };
      const result = this.apply(action, by, detail, command?.id ?? randomUUID());
      if (result.status === 'accepted' && action.type === 'reset') reload = true;
      if (result.status === 'accepted' && action.type === 'restart_app') restart = true;
      if (result.status === 'accepted' && action.type === 'reboot') reboot = true;
      this.deps.audit.record({
        action: `staff.${action.type}`,
        actor: actorName(by),
        detail: {
          ...detail,
          outcome: result.status,
          ...(result.status === 'refused' ? { reason: result.reason } : {}),
        },
      });
      command?.store(result);
      return result;
    });
    if (reload) this.deps.reloadRenderer();
    if (restart) this.deps.restartApp?.();
    if (reboot) this.deps.reboot?.();
    return outcome;
  }

  /**
   * A technician's new devices from the staff panel: refused to any other role and during a visit
   * (the call would lose its camera or sound), checked against the inventory and stored by identity,
   * and audited as `staff.change_devices` either way, all in one transaction.
   */
  changeDevices(selection: DeviceSelection, by: StaffActing): DeviceChangeOutcome {
    return this.deps.atomically(() => {
      const outcome = this.applyDevices(selection, by);
      const { inventory } = this.deps.devices.chooser();
      const labelOf = (deviceId: string | null) =>
        deviceId === null ? null : (inventory.find((device) => device.deviceId === deviceId)?.label ?? null);
      this.deps.audit.record({
        action: 'staff.change_devices',
        actor: actorName(by),
        detail: {
          where: by.where,
          outcome: outcome.status,
          ...(outcome.status === 'refused' ? { reason: outcome.reason } : {}),
          ...Object.fromEntries(Object.entries(selection).map(([role, deviceId]) => [role, labelOf(deviceId)])),
        },
      });
      return outcome;
    });
  }

  private applyDevices(selection: DeviceSelection, by: StaffActing): DeviceChangeOutcome {
    if (by.role === null || !mayPerform(by.role, 'change_devices', by.where))
      return { status: 'refused', reason: 'not_permitted' };
    if (this.deps.kiosk.visitInProgress() !== null) return { status: 'refused', reason: 'visit_in_progress' };
    const chosen = this.deps.devices.choose(selection);
    return chosen.ok ? { status: 'accepted' } : { status: 'refused', reason: chosen.failure };
  }

  private apply(
    action: StaffAction,
    by: StaffActing,
    detail: NonNullable<AuditEntry['detail']>,
    messageId: string,
  ): ActionOutcome {
    if (!mayPerform(by.role, action.type, by.where)) return refused('not_permitted');
    const { service, kiosk, messages } = this.deps;
    const staffId = by.staffId ?? 'server';
    switch (action.type) {
      case 'lock':
        return this.closing(service.lock(staffId));
      case 'unlock':
        return fromChange(service.unlock());
      case 'set_out_of_service':
        detail['outOfServiceReason'] = action.reason;
        return this.closing(service.setOutOfService(staffId, action.reason));
      case 'set_in_service':
        return fromChange(service.setInService());
      case 'end_visit': {
        const ended = kiosk.endVisitByStaff(action.visitId);
        if (!ended.ok) return refused(ended.reason);
        detail['visitId'] = ended.visitId;
        return accepted;
      }
      case 'reset': {
        const ended = kiosk.reset();
        detail['visitId'] = ended ?? null;
        return accepted;
      }
      case 'show_message':
        messages.show({ id: messageId, text: action.text });
        return accepted;
      case 'restart_app':
        return hostRestart(this.deps.restartApp !== undefined, kiosk.visitInProgress() !== null);
      case 'reboot':
        return hostRestart(this.deps.reboot !== undefined, kiosk.visitInProgress() !== null);
    }
  }

  /** Whoever was signing in or choosing a visit is signed out; a call goes on. */
  private closing(change: ServiceChange): ActionOutcome {
    if (change.ok) this.deps.kiosk.closeToInmates();
    return fromChange(change);
  }
}

const accepted: ActionOutcome = { status: 'accepted' };

/** Restarting the app or rebooting: only where the host can, and never under a call. */
export function hostRestart(hostCan: boolean, visitInProgress: boolean): ActionOutcome {
  if (!hostCan) return refused('not_supported');
  return visitInProgress ? refused('visit_in_progress') : accepted;
}

function refused(reason: StaffActionRefusal): ActionOutcome {
  return { status: 'refused', reason };
}

function fromChange(change: ServiceChange): ActionOutcome {
  return change.ok ? accepted : refused(change.reason);
}
