import { useEffect, useState } from 'react';
import { levelOf } from '../../shared/audio/level';

const updateIntervalMs = 100;

/**
 * How loud the microphone is, from 0 to 1, measured by a Web Audio AnalyserNode on the local
 * stream (`levelOf`).
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
      setLevel(levelOf(samples));
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
