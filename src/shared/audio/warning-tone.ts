let context: AudioContext | undefined;

/**
 * Two short, soft beeps through Web Audio: heard over the conversation without startling anyone.
 * The context is made once and kept, since the kiosk may allow sound only after a touch. The
 * visitor page plays it as its speaker test too.
 */
export function playWarningTone(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  void context.resume();
  const start = context.currentTime + 0.05;
  for (const offset of [0, 0.35]) beep(context, start + offset);
}

function beep(audio: AudioContext, at: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(0.25, at + 0.02);
  gain.gain.linearRampToValueAtTime(0, at + 0.25);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + 0.3);
}
