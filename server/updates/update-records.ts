import type { UpdateChannel, UpdateReport } from '../../src/shared/protocol/updates';
import type { Clock } from '../clock';
import type { Db } from '../store/database';

export interface UpdateRecords {
  /** The unit's channel; undefined for no such unit. */
  channelOf(housingUnitId: string): UpdateChannel | undefined;
  /** False for no such unit. */
  setChannel(housingUnitId: string, channel: UpdateChannel): boolean;
  /** Stores a report once (by its ID) and returns whether its version is now bad for the fleet. */
  record(kioskId: string, report: UpdateReport): { badForFleet: boolean; newlyBad: boolean };
  /** Whether the feed may offer `version` to this kiosk: not bad for the fleet, not failed on it. */
  offerable(kioskId: string, version: string): boolean;
}

/**
 * A version is bad for the fleet once one kiosk reports it crashing repeatedly, or this many
 * kiosks report it failing to start: one failed start can be the kiosk (a full disk, a dead camera),
 * two on different kiosks is the version.
 */
export const failedStartsForFleet = 2;

export function createUpdateRecords(db: Db, clock: Clock): UpdateRecords {
  const selectChannel = db.prepare<[string], { update_channel: UpdateChannel }>(
    'SELECT update_channel FROM housing_units WHERE id = ?',
  );
  const updateChannel = db.prepare('UPDATE housing_units SET update_channel = ? WHERE id = ?');
  const insertReport = db.prepare(
    'INSERT OR IGNORE INTO update_reports (id, kiosk_id, version, outcome, running, reported_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const countFailures = db.prepare<[string], { crashes: number; failedKiosks: number }>(
    `SELECT COUNT(*) FILTER (WHERE outcome = 'crashed_repeatedly') AS crashes,
            COUNT(DISTINCT kiosk_id) FILTER (WHERE outcome = 'failed_start') AS failedKiosks
       FROM update_reports WHERE version = ?`,
  );
  const insertBad = db.prepare('INSERT OR IGNORE INTO bad_versions (version, reason, marked_at) VALUES (?, ?, ?)');
  const selectBad = db.prepare<[string], { version: string }>('SELECT version FROM bad_versions WHERE version = ?');
  const selectFailedHere = db.prepare<[string, string], { id: string }>(
    "SELECT id FROM update_reports WHERE kiosk_id = ? AND version = ? AND outcome != 'installed' LIMIT 1",
  );

  return {
    channelOf: (housingUnitId) => selectChannel.get(housingUnitId)?.update_channel,
    setChannel: (housingUnitId, channel) => updateChannel.run(channel, housingUnitId).changes === 1,
    record: (kioskId, report) =>
      db.transaction(() => {
        insertReport.run(report.id, kioskId, report.version, report.outcome, report.running, clock.now());
        const { crashes, failedKiosks } = countFailures.get(report.version) ?? { crashes: 0, failedKiosks: 0 };
        const reason =
          crashes > 0 ? 'crashed_repeatedly' : failedKiosks >= failedStartsForFleet ? 'failed_start' : undefined;
        const newlyBad = reason !== undefined && insertBad.run(report.version, reason, clock.now()).changes === 1;
        return { badForFleet: selectBad.get(report.version) !== undefined, newlyBad };
      })(),
    offerable: (kioskId, version) =>
      selectBad.get(version) === undefined && selectFailedHere.get(kioskId, version) === undefined,
  };
}
