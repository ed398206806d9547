import type { AudioRoute, HandsetMode } from '../../shared/contract/devices';
import type { HandsetLeds } from './handset/hook-source';

/**
 * Where the call's sound goes, by the facility's rule: a required handset always (the cabinet's
 * speaker is never used, even while it is down or gone); an optional one while it is lifted, is
 * there and has its audio device; otherwise the cabinet's microphone and speaker.
 */
export function routeAudio(
  mode: HandsetMode,
  handset: { present: boolean; offHook: boolean | null },
  handsetAudio: { input: boolean; output: boolean },
): AudioRoute {
  const cabinet: AudioRoute = { input: 'microphone', output: 'speaker' };
  const viaHandset: AudioRoute = { input: 'handsetMicrophone', output: 'handsetSpeaker' };
  if (mode === 'required') return viaHandset;
  if (mode === 'none') return cabinet;
  return handset.present && handset.offHook === true && handsetAudio.input && handsetAudio.output
    ? viaHandset
    : cabinet;
}

/** What the kiosk is doing, as the handset's lights show it. */
export interface LedInputs {
  /** A call is on screen and the visitor has not joined yet, or left and may come back. */
  waitingForVisitor: boolean;
  offHook: boolean | null;
  muted: boolean;
}

/** Ring while the visitor is joining or waiting; Off-Hook mirrors the hook; Mute mirrors the microphone. */
export function handsetLeds({ waitingForVisitor, offHook, muted }: LedInputs): HandsetLeds {
  return { ring: waitingForVisitor, offHook: offHook === true, mute: muted };
}
