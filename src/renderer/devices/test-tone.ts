const toneSeconds = 1.2;

/**
 * A short tone sent to one speaker: Web Audio makes it, an audio element plays it so `setSinkId`
 * can send it to that device. Resolves once it has been played; rejects when the speaker refused
 * it (gone, or not an output this page may use).
 */
export async function playTestTone(deviceId: string): Promise<void> {
  const context = new AudioContext();
  const audio = new Audio();
  try {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const output = context.createMediaStreamDestination();
    oscillator.frequency.value = 660;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(output);
    audio.srcObject = output.stream;
    await audio.setSinkId(deviceId);
    oscillator.start();
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, toneSeconds * 1000));
    oscillator.stop();
  } finally {
    audio.pause();
    audio.srcObject = null;
    await context.close();
  }
}
