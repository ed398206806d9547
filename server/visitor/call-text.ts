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
