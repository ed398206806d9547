import type { Key, Words } from './i18n/words';

/** Closes a sentence with a full stop unless its last word already brings one, as "Marcus R." does. */
export function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

/**
 * The visitor page's line while the call is up; `endsAt` is already a time of day for the reader.
 * The catalogue leaves the full stops after a name or a time to `sentence`: "Marcus R." and "2:30
 * p.m." bring their own.
 */
export function inCallStatus(
  say: Words,
  remoteName: string,
  picture: { frozen: boolean; paused: { receiving: boolean; sending: boolean } },
  endsAt: string,
): string {
  const words = { name: remoteName, time: endsAt };
  if (picture.paused.receiving) return sentence(say('call.videoPaused', words));
  if (picture.frozen) return sentence(say('call.pictureFrozen', words));
  if (picture.paused.sending) return sentence(say('call.videoPausedForThem', words));
  return `${sentence(say('call.with', { name: remoteName }))} ${sentence(say('call.endsAt', { time: endsAt }))}`;
}

/**
 * What the other side stopped sending because its device failed: a line in place of its picture
 * (empty while the camera works), and a sentence for the status line (empty while both work).
 */
export function stoppedDevicesText(
  say: Words,
  remoteName: string,
  stopped: { video: boolean; audio: boolean },
): { picture: string; status: string } {
  const picture = stopped.video ? say('call.cameraUnavailable') : '';
  const key: Key | undefined =
    stopped.video && stopped.audio
      ? 'call.remoteBothStopped'
      : stopped.audio
        ? 'call.remoteMicrophoneStopped'
        : stopped.video
          ? 'call.remoteCameraStopped'
          : undefined;
  return { picture, status: key === undefined ? '' : say(key, { name: remoteName }) };
}

/** "45 seconds", "3 minutes": how long a refused visitor must wait, in the page's language. */
export function waitText(locale: string, retryAfterSeconds: number): string {
  const [value, unit] =
    retryAfterSeconds < 120 ? [retryAfterSeconds, 'second'] : [Math.ceil(retryAfterSeconds / 60), 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
