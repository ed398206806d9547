import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// Screens after the first are chunks loaded on demand, as in the kiosk: on a loaded two-core machine
// the first find of one has taken over testing-library's default second.
configure({ asyncUtilTimeout: 5000 });

/**
 * happy-dom has no media devices: a camera and a microphone at the browser's boundary, which a test
 * may replace. Each `getUserMedia` gives a new track of the kind asked for.
 */
function installMediaDevices(): void {
  const devices = Object.assign(new EventTarget(), {
    enumerateDevices: vi.fn(async () => [
      { kind: 'videoinput', deviceId: 'cam', label: 'Fake camera', groupId: 'g1' },
      { kind: 'audioinput', deviceId: 'mic', label: 'Fake microphone', groupId: 'g2' },
    ]),
    getUserMedia: vi.fn(async (constraints: MediaStreamConstraints) => fakeStream(constraints)),
  });
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: devices });
}

function fakeStream(constraints: MediaStreamConstraints): MediaStream {
  const kind = constraints.video === undefined || constraints.video === false ? 'audio' : 'video';
  const track = Object.assign(new EventTarget(), { kind, id: crypto.randomUUID(), readyState: 'live', stop: vi.fn() });
  const stream = new MediaStream();
  stream.addTrack(track as unknown as MediaStreamTrack);
  return stream;
}

// happy-dom's MediaStream lacks the one method that lists every track.
if (!('getTracks' in MediaStream.prototype)) {
  Object.defineProperty(MediaStream.prototype, 'getTracks', {
    value(this: MediaStream) {
      return [...this.getAudioTracks(), ...this.getVideoTracks()];
    },
  });
}

beforeEach(() => installMediaDevices());
afterEach(() => cleanup());
