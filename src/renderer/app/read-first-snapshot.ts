import { firstSnapshotElementId } from '../../shared/contract/first-snapshot';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../shared/contract/kiosk';
import { describeIssues } from '../../shared/describe-issues';

/**
 * The snapshot a host handed over with the HTML (see `first-snapshot.ts`), checked against the
 * contract as every snapshot is; undefined when there is none (the Electron host, a person on
 * screen) or it does not read, and the page then waits for the contract's answer.
 */
export function readFirstSnapshot(page: Document): KioskSnapshot | undefined {
  const text = page.getElementById(firstSnapshotElementId)?.textContent;
  if (text === undefined || text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    console.warn('ignored a first snapshot that is not JSON');
    return undefined;
  }
  const snapshot = kioskSnapshotSchema.safeParse(value);
  if (snapshot.success) return snapshot.data;
  console.warn(`ignored an invalid first snapshot: ${describeIssues(snapshot.error)}`);
  return undefined;
}
