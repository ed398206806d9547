import type { MediaCheckMeasurement, MediaCheckResult } from '../../shared/contract/media-check';
import type { KioskScreen } from '../../shared/contract/kiosk';
import type { CheckStep } from '../../shared/contract/setup';
import type {
  MediaCheckRunAnswer,
  MediaCheckRunRefusal,
  MediaCheckRunRequest,
} from '../../shared/protocol/media-check-run';
import { MediaCheckRun, type MediaCheckRunDeps } from '../provisioning/media-check-run';
import { actorName } from './staff-actions';
import type { MediaCheckBy } from './technician-check';

/** What the kiosk is doing when the console asks, as the refusal needs it. */
export interface KioskActivity {
  inVisit: boolean;
  /** A staff member is signing in or at the panel. */
  staffAtKiosk: boolean;
  /** The inmate's session's screen (the attract screen when nobody is there). */
  sessionScreen: KioskScreen;
}

/** The session screens on which nobody is at the kiosk; the service's locked and out-of-service screens stand on these. */
const idleScreens: ReadonlySet<KioskScreen> = new Set(['attract', 'devicesUnavailable']);

/** Deny by default: only a kiosk nobody is using runs the console's check. */
export function consoleCheckRefusal(activity: KioskActivity): MediaCheckRunRefusal | null {
  if (activity.inVisit) return 'visit_in_progress';
  if (activity.staffAtKiosk) return 'staff_session_in_progress';
  return idleScreens.has(activity.sessionScreen) ? null : 'kiosk_in_use';
}

export interface ConsoleCheckDeps extends Pick<MediaCheckRunDeps, 'openRoom' | 'serverUrl' | 'log'> {
  /** What the kiosk is doing now. */
  activity: () => KioskActivity;
  /** Where the result is kept and audited: the same as a technician's check at the panel. */
  record: (result: MediaCheckResult, by: MediaCheckBy) => void;
}

interface Pending {
  id: string;
  answer: Promise<MediaCheckRunAnswer>;
  settle: (answer: MediaCheckRunAnswer) => void;
  fail: (error: unknown) => void;
}
type OnScreen = Exclude<CheckStep, { status: 'idle' }>;

/**
 * The network and media check the console asks an idle kiosk for. Main opens the echo room (the same
 * `MediaCheckRun` as first boot and the technician's panel), the renderer's `networkCheck` screen
 * runs the test call and reports, and the server's request is answered once the judgement is
 * recorded. A report that never comes fails as unreachable when the room closes (30 s and a 5 s
 * grace), so the kiosk returns to its attract screen by itself whatever the renderer does.
 */
export class ConsoleCheck {
  private readonly run: MediaCheckRun;
  private pending: Pending | undefined;
  private last: { id: string; answer: MediaCheckRunAnswer } | undefined;
  private by: MediaCheckRunRequest['by'] = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: ConsoleCheckDeps) {
    this.run = new MediaCheckRun({ ...deps, now: Date.now, onChange: () => this.changed() });
  }

  /** The check on screen, opening or running; undefined when none is. */
  view(): OnScreen | undefined {
    const step = this.run.view();
    return this.pending === undefined || step.status === 'idle' ? undefined : step;
  }

  /** While a check runs, nobody starts signing in: the screen is the check's. */
  running(): boolean {
    return this.pending !== undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server's request, answered when the check is judged and stored; the same ID again gets the same answer. */
  request({ id, by }: MediaCheckRunRequest): Promise<MediaCheckRunAnswer> {
    if (this.pending?.id === id) return this.pending.answer;
    if (this.last?.id === id) return Promise.resolve(this.last.answer);
    const refusal =
      this.pending !== undefined
        ? 'check_in_progress'
        : this.deps.serverUrl() === undefined
          ? 'not_supported'
          : consoleCheckRefusal(this.deps.activity());
    if (refusal !== null) return Promise.resolve({ status: 'refused', reason: refusal });
    let settle: Pending['settle'] = () => {};
    let fail: Pending['fail'] = () => {};
    const answer = new Promise<MediaCheckRunAnswer>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    this.pending = { id, answer, settle, fail };
    this.by = by;
    this.run.start();
    return answer;
  }

  /** What the `networkCheck` screen's test call measured; a report of no running check is ignored. */
  report(measurement: MediaCheckMeasurement): void {
    if (this.pending !== undefined) this.run.report(measurement);
  }

  private changed(): void {
    const step = this.run.view();
    const { pending } = this;
    if (pending !== undefined && step.status === 'idle' && step.result !== null) {
      this.pending = undefined;
      const { by } = this;
      const actor = actorName({ staffId: by?.staffId ?? null, role: by?.role ?? null, where: 'console' });
      try {
        this.deps.record(step.result, { actor, where: 'console', requestId: pending.id });
        const answer: MediaCheckRunAnswer = { status: 'checked', result: step.result };
        this.last = { id: pending.id, answer };
        pending.settle(answer);
      } catch (error) {
        // A store that cannot write: the responder answers `internal` and the console says it failed.
        pending.fail(error);
      }
    }
    for (const listener of this.listeners) listener();
  }
}
