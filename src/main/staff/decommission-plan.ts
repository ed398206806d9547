import type { StaffRole } from '../../shared/protocol/staff';
import type { DecommissionRefusal } from '../../shared/contract/kiosk';
import type { ConfigKey } from '../store/config-store';
import { mayUseTool } from './permissions';

/** What the kiosk knows when a technician asks to decommission it, or when its outbox moves on. */
export interface DecommissionFacts {
  role: StaffRole;
  /** A visit under way (or about to be): a decommission would cut it off. */
  inVisit: boolean;
  /** Records not yet delivered to the server. */
  pending: number;
  /** The technician confirmed a second time that undelivered records may be lost. */
  force: boolean;
  /** The control channel is up: the server's audit and its refusal of the token need it. */
  serverReachable: boolean;
}

export type DecommissionDecision =
  | { go: 'refused'; reason: DecommissionRefusal }
  /** Records are still on their way: wait for the outbox to drain. */
  | { go: 'wait'; pending: number }
  /** Tell the server (which audits it first), then wipe. */
  | { go: 'wipe'; forced: boolean; recordsLost: number };

/**
 * Whether a decommission may proceed now. Deny by default: only a technician, never during a
 * visit, and never without the server (which must hear of it, and of any records lost, first).
 * Without `force` it never loses a record: it waits while any is pending.
 */
export function decideDecommission(facts: DecommissionFacts): DecommissionDecision {
  if (!mayUseTool(facts.role, 'decommission')) return { go: 'refused', reason: 'not_permitted' };
  if (facts.inVisit) return { go: 'refused', reason: 'in_visit' };
  if (facts.pending > 0 && !facts.force) return { go: 'wait', pending: facts.pending };
  if (!facts.serverReachable) return { go: 'refused', reason: 'server_unreachable' };
  return facts.pending > 0
    ? { go: 'wipe', forced: true, recordsLost: facts.pending }
    : { go: 'wipe', forced: false, recordsLost: 0 };
}

/**
 * The configuration a decommissioned kiosk keeps: how its own hardware is wired and which devices
 * it uses, nothing about the server, the facility or any person. Everything else in the store
 * (the server's address and the token, the unit, setup's progress, outbox, audit log, visit ledger,
 * staff commands and offline code verifiers, the service state) is wiped, and the logs with it.
 */
export const keptAfterDecommission: readonly ConfigKey[] = ['deviceChoices', 'hookSource'];
