import type { KioskSnapshot } from '../../shared/contract/kiosk';
import { allow, deny, type Decision } from './decision';
import { decideSocketOrigin } from './ipc-sender';

/** Screens that show nobody's data: what they carry is the kiosk's own (devices, preferences). */
const personFreeScreens: ReadonlySet<KioskSnapshot['screen']> = new Set([
  'attract',
  'locked',
  'outOfService',
  'devicesUnavailable',
]);

/**
 * May the HTML of a page carry this snapshot? HTML is not guarded like the contract, so only a
 * snapshot with nobody on it (no inmate, no staff member, no call ticket), and only into a page
 * whose origin the contract socket would admit: a name that merely resolves here (DNS rebinding)
 * gets the page without it. Anything else waits for the contract, as every page did before.
 */
export function decideFirstSnapshot(
  snapshot: KioskSnapshot,
  pageOrigin: string | undefined,
  ownOrigins: readonly string[],
): Decision {
  const origin = decideSocketOrigin(pageOrigin, ownOrigins);
  if (!origin.allow) return origin;
  if (!personFreeScreens.has(snapshot.screen)) return deny(`the ${snapshot.screen} screen carries a person's data`);
  if (snapshot.staff !== null) return deny('the staff overlay is open');
  return allow;
}
