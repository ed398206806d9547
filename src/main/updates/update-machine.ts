import type { UpdateReport, UpdateStatus } from '../../shared/protocol/updates';
import type { OfferedFeed } from './feed-client';
import { compareVersions, inStagedRollout } from './rollout';

/**
 * The update's decisions as a pure reducer and a pure `decide`: the service around it does the
 * fetching, downloading, installing and reporting, feeds back what happened as events, and stores
 * the state after every event so a restart (which an install is) picks up where it was. Five
 * phases in a line and one side path (rollback) need no state chart library.
 */

export interface UpdatePolicy {
  checkEveryMs: number;
  /** How long the attract screen must have shown, nobody at the kiosk, before an install. */
  idleBeforeInstallMs: number;
  /** A local hour (0-23) at which an install may start whatever the idle time; null: none. */
  installHour: number | null;
  /** A new version must reach the attract screen and have a heartbeat acknowledged within this. */
  trialBoundMs: number;
  /** Starts of a new version on trial beyond which it counts as crashing repeatedly. */
  maxTrialStarts: number;
}

export const defaultUpdatePolicy: UpdatePolicy = {
  checkEveryMs: 60 * 60_000,
  idleBeforeInstallMs: 10 * 60_000,
  installHour: 3,
  trialBoundMs: 5 * 60_000,
  maxTrialStarts: 3,
};

export interface FeedFile {
  url: string;
  sha512: string;
  size: number;
}

/** A version installed on this kiosk and the newest store schema it can work with. */
export interface KeptVersion {
  version: string;
  schemaVersion: number;
}

export type UpdatePhase =
  | { kind: 'idle' }
  | { kind: 'downloading'; version: string; file: FeedFile }
  | { kind: 'ready'; version: string; path: string }
  | { kind: 'installing'; version: string; from: string }
  | { kind: 'trial'; version: string; from: string; since: number; starts: number };

export interface UpdateState {
  running: string;
  phase: UpdatePhase;
  lastCheckAt: number | null;
  lastError: string | null;
  /** Reports the server has not acknowledged yet, oldest first. */
  unsent: UpdateReport[];
  /** Versions this kiosk rolled back from: never taken again here, whatever the feed says. */
  refused: string[];
  /** The versions installed here, newest start last, for choosing where a rollback goes. */
  kept: KeptVersion[];
  /** The lowest schema a kiosk version must know to open the store as it is now. */
  storeFloor: number;
}

export type UpdateEvent =
  | { type: 'checked'; at: number; kioskId: string; offer: OfferedFeed | null }
  | { type: 'check_failed'; at: number; error: string }
  | { type: 'downloaded'; version: string; path: string }
  | { type: 'download_failed'; version: string; error: string }
  | { type: 'install_started' }
  | { type: 'install_failed'; error: string }
  /** Every start of the app, with what its build knows of the store and what the store requires. */
  | { type: 'started'; at: number; version: string; schemaVersion: number; storeFloor: number; reportId: string }
  /** The attract screen showed and a heartbeat was acknowledged. */
  | { type: 'healthy'; at: number; reportId: string }
  | { type: 'rollback_started'; at: number; to: string; outcome: RollbackOutcome; reportId: string }
  | { type: 'reported'; id: string };

export type RollbackOutcome = 'failed_start' | 'crashed_repeatedly';

export type UpdateAction =
  | { do: 'rollback'; to: string; outcome: RollbackOutcome }
  /** The trial failed but no kept version can open the store: stay, and say so. */
  | { do: 'stay'; outcome: RollbackOutcome }
  | { do: 'install'; version: string; path: string }
  | { do: 'download'; version: string; file: FeedFile }
  | { do: 'check' }
  | { do: 'wait' };

/** What the kiosk is doing now, as the install decision needs it. */
export interface KioskActivity {
  visit: boolean;
  staffSession: boolean;
  inmateSession: boolean;
  /** Since when the attract screen has been showing; null when it is not. */
  attractSince: number | null;
  /** The kiosk's local hour now (0-23). */
  localHour: number;
}

export function initialUpdateState(running: string): UpdateState {
  return {
    running,
    phase: { kind: 'idle' },
    lastCheckAt: null,
    lastError: null,
    unsent: [],
    refused: [],
    kept: [],
    storeFloor: 1,
  };
}

const keptLimit = 3;

export function reduceUpdate(state: UpdateState, event: UpdateEvent): UpdateState {
  const { phase } = state;
  switch (event.type) {
    case 'checked': {
      const next = { ...state, lastCheckAt: event.at };
      const accepted = phase.kind === 'idle' ? acceptOffer(state, event.kioskId, event.offer) : undefined;
      return accepted === undefined ? next : { ...next, phase: { kind: 'downloading', ...accepted }, lastError: null };
    }
    case 'check_failed':
      return { ...state, lastCheckAt: event.at, lastError: event.error };
    case 'downloaded':
      return phase.kind === 'downloading' && phase.version === event.version
        ? { ...state, phase: { kind: 'ready', version: event.version, path: event.path } }
        : state;
    case 'download_failed':
      return phase.kind === 'downloading' && phase.version === event.version
        ? { ...state, phase: { kind: 'idle' }, lastError: event.error }
        : state;
    case 'install_started':
      return phase.kind === 'ready'
        ? { ...state, phase: { kind: 'installing', version: phase.version, from: state.running } }
        : state;
    case 'install_failed':
      return phase.kind === 'installing' ? { ...state, phase: { kind: 'idle' }, lastError: event.error } : state;
    case 'started':
      return started(state, event);
    case 'healthy':
      if (phase.kind !== 'trial') return state;
      return {
        ...state,
        phase: { kind: 'idle' },
        lastError: null,
        unsent: [...state.unsent, report(event.reportId, phase.version, 'installed', phase.version, event.at)],
      };
    case 'rollback_started':
      if (phase.kind !== 'trial') return state;
      return {
        ...state,
        phase: { kind: 'idle' },
        lastError: event.outcome,
        refused: [...new Set([...state.refused, phase.version])],
        unsent: [...state.unsent, report(event.reportId, phase.version, event.outcome, event.to, event.at)],
      };
    case 'reported':
      return { ...state, unsent: state.unsent.filter((entry) => entry.id !== event.id) };
  }
}

function started(state: UpdateState, event: Extract<UpdateEvent, { type: 'started' }>): UpdateState {
  const kept = [
    ...state.kept.filter((entry) => entry.version !== event.version),
    { version: event.version, schemaVersion: event.schemaVersion },
  ].slice(-keptLimit);
  const next = { ...state, running: event.version, kept, storeFloor: event.storeFloor };
  const { phase } = state;
  if ((phase.kind === 'installing' || phase.kind === 'trial') && event.version === phase.version) {
    const starts = phase.kind === 'trial' ? phase.starts + 1 : 1;
    const since = phase.kind === 'trial' ? phase.since : event.at;
    return { ...next, phase: { kind: 'trial', version: phase.version, from: phase.from, since, starts } };
  }
  if (phase.kind === 'installing') return { ...next, phase: { kind: 'idle' }, lastError: 'install_did_not_take' };
  if (phase.kind === 'trial') {
    // Back on another version while the new one was on trial: something outside (the OS session's
    // boot-loop guard, a technician) rolled it back; it failed to start.
    return {
      ...next,
      phase: { kind: 'idle' },
      lastError: 'failed_start',
      refused: [...new Set([...state.refused, phase.version])],
      unsent: [...state.unsent, report(event.reportId, phase.version, 'failed_start', event.version, event.at)],
    };
  }
  return next;
}

function acceptOffer(
  state: UpdateState,
  kioskId: string,
  offer: OfferedFeed | null,
): { version: string; file: FeedFile } | undefined {
  if (offer === null) return undefined;
  const { feed } = offer;
  if (compareVersions(feed.version, state.running) <= 0) return undefined;
  if (state.refused.includes(feed.version)) return undefined;
  if (!inStagedRollout(kioskId, feed)) return undefined;
  const file = feed.files.find((entry) => entry.url === feed.path) ?? feed.files[0];
  return file === undefined ? undefined : { version: feed.version, file };
}

function report(
  id: string,
  version: string,
  outcome: UpdateReport['outcome'],
  running: string,
  at: number,
): UpdateReport {
  return { id, version, outcome, running, at: new Date(at).toISOString() };
}

/** The next thing the service should do. */
export function decideUpdate(
  state: UpdateState,
  activity: KioskActivity,
  now: number,
  policy: UpdatePolicy,
): UpdateAction {
  const { phase } = state;
  switch (phase.kind) {
    case 'trial': {
      const outcome: RollbackOutcome | undefined =
        phase.starts > policy.maxTrialStarts
          ? 'crashed_repeatedly'
          : now - phase.since > policy.trialBoundMs
            ? 'failed_start'
            : undefined;
      if (outcome === undefined) return { do: 'wait' };
      const to = rollbackTarget(state.kept, phase.version, state.storeFloor);
      return to === undefined ? { do: 'stay', outcome } : { do: 'rollback', to, outcome };
    }
    case 'downloading':
      return { do: 'download', version: phase.version, file: phase.file };
    case 'ready':
      return mayInstall(activity, now, policy)
        ? { do: 'install', version: phase.version, path: phase.path }
        : { do: 'wait' };
    case 'installing':
      return { do: 'wait' };
    case 'idle':
      return state.lastCheckAt === null || now - state.lastCheckAt >= policy.checkEveryMs
        ? { do: 'check' }
        : { do: 'wait' };
  }
}

/** Never during a visit or a staff or inmate session; on the attract screen after the idle time, or at the install hour. */
export function mayInstall(activity: KioskActivity, now: number, policy: UpdatePolicy): boolean {
  if (activity.visit || activity.staffSession || activity.inmateSession) return false;
  if (policy.installHour !== null && activity.localHour === policy.installHour) return true;
  return activity.attractSince !== null && now - activity.attractSince >= policy.idleBeforeInstallMs;
}

/**
 * Where a failed version rolls back to: the newest other kept version older than it whose build
 * knows the store's floor schema (so it opens the store the new version migrated). Migrations are
 * additive, so the floor only rises with a breaking one; past that, no older build fits and the
 * kiosk stays rather than start a version that would refuse its own store.
 */
export function rollbackTarget(kept: readonly KeptVersion[], failing: string, storeFloor: number): string | undefined {
  return kept
    .filter((entry) => compareVersions(entry.version, failing) < 0 && entry.schemaVersion >= storeFloor)
    .sort((a, b) => compareVersions(b.version, a.version))[0]?.version;
}

/** The heartbeat's view of the state. */
export function updateStatusOf(state: UpdateState): UpdateStatus {
  const { phase } = state;
  return { phase: phase.kind, target: phase.kind === 'idle' ? null : phase.version, lastError: state.lastError };
}
