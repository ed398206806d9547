import type { OutboxPayload } from '../../shared/protocol/outbox';
import type { AuditEntry } from '../store/audit-log';
import { heartbeatDeviceOf } from './device-health';
import type { DeviceService, HealthChange } from './device-service';

export interface DeviceFaultDeps {
  enqueue: (type: 'device.fault', payload: OutboxPayload<'device.fault'>) => void;
  audit: (entry: AuditEntry) => void;
  now: () => number;
}

/**
 * Tells staff of every change of a device's health, at once and durably: a `device.fault` record
 * (cleared when it is `ok` again) and an audit entry, both through the outbox, so a kiosk offline
 * at the time still reports it.
 */
export function reportDeviceFaults(devices: DeviceService, deps: DeviceFaultDeps): () => void {
  return devices.onHealthChange((change: HealthChange) => {
    const cleared = change.to === 'ok';
    deps.enqueue('device.fault', {
      device: heartbeatDeviceOf[change.role],
      fault: `${change.role}: ${change.reason}`,
      at: new Date(deps.now()).toISOString(),
      cleared,
    });
    deps.audit({
      action: cleared ? 'device.restored' : 'device.fault',
      actor: 'kiosk',
      detail: { role: change.role, from: change.from, to: change.to, reason: change.reason },
    });
  });
}
