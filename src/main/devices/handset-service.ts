import type { HandsetMode, HandsetState } from '../../shared/contract/devices';
import type { Logger } from '../log/logger';
import type { HandsetLeds, HookSource } from './handset/hook-source';
import { handsetLeds } from './handset-rules';

/** What the call under way is doing, as main knows it: the kiosk's screen and the media reports. */
export interface CallActivity {
  inCall: boolean;
  visitorConnected: boolean;
}

/**
 * The handset's hook switch as the kiosk uses it, over any `HookSource` (HID, key board, simulated):
 * its state for the snapshot, the hang-up countdown's start when it is put down mid-call, the mute
 * button, and the LEDs, written whole at every change.
 */
export class HandsetService {
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #hangUpMs: number;
  #source: HookSource | undefined;
  #stopSource: Array<() => void> = [];
  #state: HandsetState;
  #call: CallActivity = { inCall: false, visitorConnected: false };
  #leds: HandsetLeds | undefined;
  readonly #listeners = new Set<(state: HandsetState) => void>();

  constructor(options: {
    mode: HandsetMode;
    source?: HookSource;
    /** How long the handset may stay down mid-call before the kiosk hangs up. */
    hangUpSeconds: number;
    now: () => number;
    log: Logger;
  }) {
    this.#hangUpMs = options.hangUpSeconds * 1000;
    this.#log = options.log;
    this.#now = options.now;
    this.#state = { mode: options.mode, present: false, offHook: null, hangsUpAt: null, muted: false };
    if (options.source !== undefined) this.attach(options.source);
  }

  /**
   * Takes a hook source, replacing any before it: the keeper opens one at start and again each time
   * a handset that went away is plugged back in. A kiosk provisioned without a handset ignores it.
   */
  attach(source: HookSource): void {
    if (this.#state.mode === 'none') return;
    this.#detach();
    this.#source = source;
    this.#set({ present: true, offHook: source.offHook });
    this.#listen(source);
  }

  state(): HandsetState {
    return this.#state;
  }

  subscribe(listener: (state: HandsetState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The call's progress: the ring light, and a countdown only ever within a call. */
  setCall(call: CallActivity): void {
    if (call.inCall === this.#call.inCall && call.visitorConnected === this.#call.visitorConnected) return;
    this.#call = call;
    if (!call.inCall) this.#set({ hangsUpAt: null, muted: false });
    else this.#writeLeds();
  }

  close(): void {
    this.#detach();
  }

  #detach(): void {
    for (const stop of this.#stopSource) stop();
    this.#stopSource = [];
    this.#source?.close();
    this.#source = undefined;
    this.#leds = undefined;
  }

  #listen(source: HookSource): void {
    this.#stopSource = [
      source.on('hook', (offHook) => {
        const putDownInCall = !offHook && this.#call.inCall && this.#state.offHook === true;
        this.#log.info({ offHook, source: source.kind }, offHook ? 'handset lifted' : 'handset put down');
        this.#set({
          offHook,
          hangsUpAt: offHook
            ? null
            : putDownInCall
              ? new Date(this.#now() + this.#hangUpMs).toISOString()
              : this.#state.hangsUpAt,
        });
      }),
      source.on('muteToggle', () => {
        if (this.#call.inCall) this.#set({ muted: !this.#state.muted });
      }),
      source.on('gone', (reason) => {
        this.#log.warn({ reason, source: source.kind }, 'the handset went away');
        this.#source = undefined;
        this.#detach();
        this.#set({ present: false, offHook: null, hangsUpAt: null });
      }),
    ];
  }

  #set(change: Partial<HandsetState>): void {
    const next = { ...this.#state, ...change };
    const same = (Object.keys(next) as Array<keyof HandsetState>).every((key) => next[key] === this.#state[key]);
    this.#state = next;
    this.#writeLeds();
    if (same) return;
    for (const listener of this.#listeners) listener(next);
  }

  #writeLeds(): void {
    const leds = handsetLeds({
      waitingForVisitor: this.#call.inCall && !this.#call.visitorConnected,
      offHook: this.#state.offHook,
      muted: this.#state.muted,
    });
    const before = this.#leds;
    if (this.#source === undefined) return;
    if (before?.ring === leds.ring && before.offHook === leds.offHook && before.mute === leds.mute) return;
    this.#leds = leds;
    this.#source.setLeds(leds);
  }
}
