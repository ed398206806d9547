import { describe, expect, it } from 'vitest';
import { inCallStatus, sentence, stoppedDevicesText } from './call-text';

describe('visitor page text', () => {
  it('ends a sentence once, whether or not the name already ends it', () => {
    expect(inCallStatus('Marcus R.', false, '2:30 PM')).toBe('In a visit with Marcus R. Ends at 2:30 PM.');
    expect(inCallStatus('Marcus', false, '2:30 PM')).toBe('In a visit with Marcus. Ends at 2:30 PM.');
    expect(inCallStatus('Marcus R.', true, '2:30 PM')).toBe(
      'The picture from Marcus R. stopped. Reconnecting the video… The visit ends at 2:30 PM.',
    );
  });

  it('adds a full stop only where no closing mark is', () => {
    expect(sentence('Hello')).toBe('Hello.');
    expect(sentence('Really?')).toBe('Really?');
    expect(sentence('Wait…')).toBe('Wait…');
  });

  it('says which of the other side’s devices stopped, and shows no picture for a camera that did', () => {
    expect(stoppedDevicesText('Marcus R.', { video: false, audio: false })).toEqual({ picture: '', status: '' });
    expect(stoppedDevicesText('Marcus R.', { video: true, audio: false })).toEqual({
      picture: 'Camera unavailable',
      status: 'The camera of Marcus R. stopped working. You can still hear each other.',
    });
    expect(stoppedDevicesText('Marcus R.', { video: false, audio: true }).status).toMatch(/cannot hear them/);
    expect(stoppedDevicesText('Marcus R.', { video: true, audio: true }).picture).toBe('Camera unavailable');
  });
});
