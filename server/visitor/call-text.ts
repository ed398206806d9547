/** Closes a sentence with a full stop unless its last word already brings one, as "Marcus R." does. */
export function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

/** The visitor page's line while the call is up; `endsAt` is already a time of day for the reader. */
export function inCallStatus(remoteName: string, pictureFrozen: boolean, endsAt: string): string {
  return pictureFrozen
    ? `The picture from ${remoteName} stopped. Reconnecting the video… The visit ends at ${endsAt}.`
    : `${sentence(`In a visit with ${remoteName}`)} Ends at ${endsAt}.`;
}

/**
 * What the other side stopped sending because its device failed: a line in place of its picture
 * (empty while the camera works), and a sentence for the status line (empty while both work).
 */
export function stoppedDevicesText(
  remoteName: string,
  stopped: { video: boolean; audio: boolean },
): { picture: string; status: string } {
  const picture = stopped.video ? 'Camera unavailable' : '';
  if (stopped.video && stopped.audio) {
    return { picture, status: `The camera and microphone of ${remoteName} stopped working. Staff have been told.` };
  }
  if (stopped.audio) {
    return {
      picture,
      status: `The microphone of ${remoteName} stopped working: you cannot hear them for now. Staff have been told.`,
    };
  }
  if (stopped.video) {
    return { picture, status: `The camera of ${remoteName} stopped working. You can still hear each other.` };
  }
  return { picture, status: '' };
}
