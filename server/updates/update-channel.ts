import type { StaffActor } from '../../src/shared/protocol/staff';
import type { UpdateChannel } from '../../src/shared/protocol/updates';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../log';
import type { UpdateRecords } from './update-records';

export type ChannelChange = { status: 'changed' | 'unchanged'; from: UpdateChannel } | { status: 'not_found' };
export type ChannelChanges = (housingUnitId: string, channel: UpdateChannel, by: StaffActor | null) => ChannelChange;

/**
 * A housing unit's update channel set by staff, the one way both the admin API (`by` null) and the
 * console do it: changed in the database and audited with who did it, from what to what.
 */
export function createChannelChanges(deps: {
  records: Pick<UpdateRecords, 'channelOf' | 'setChannel'>;
  audit: AuditLog;
  log: Logger;
  /** The consoles show the unit's new channel. */
  onChanged?: (housingUnitId: string, channel: UpdateChannel) => void;
}): ChannelChanges {
  const { records, audit, log } = deps;
  return (housingUnitId, channel, by) => {
    const from = records.channelOf(housingUnitId);
    const change: ChannelChange =
      from === undefined || !records.setChannel(housingUnitId, channel)
        ? { status: 'not_found' }
        : { status: from === channel ? 'unchanged' : 'changed', from };
    audit.record({
      place: by?.where ?? 'server',
      staffId: by?.staffId ?? null,
      ...(by === null ? { actor: 'admin' } : {}),
      action: 'update.channel_set',
      ...(change.status === 'not_found' ? {} : { housingUnitId }),
      outcome: change.status,
      detail: { housingUnitId, channel, from: change.status === 'not_found' ? null : change.from },
    });
    if (change.status !== 'not_found') {
      log.info({ housingUnitId, channel, staffId: by?.staffId ?? null }, 'update channel set by staff');
      deps.onChanged?.(housingUnitId, channel);
    }
    return change;
  };
}
