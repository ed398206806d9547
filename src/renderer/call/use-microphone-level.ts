import { useEffect, useState } from 'react';

/** Quieter than this shows as nothing; speech at arm's length sits well above it. */
const floorDb = -60;
const updateIntervalMs = 100;

/**
 * How loud the microphone is, from 0 to 1, measured by a Web Audio AnalyserNode on the local
 * stream. The scale is in decibels so that ordinary speech moves the bar well.
 */
export function useMicrophoneLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  // The microphone's track, not the stream: it joins the stream after the camera, or replaces
  // another (the handset lifted), and the meter follows it.
  const track = stream?.getAudioTracks()[0] ?? null;
  useEffect(() => {
    if (track === null || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const source = context.createMediaStreamSource(new MediaStream([track]));
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : floorDb;
      setLevel(Math.min(1, Math.max(0, (db - floorDb) / -floorDb)));
    }, updateIntervalMs);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close();
      setLevel(0);
    };
  }, [track]);
  return level;
}
