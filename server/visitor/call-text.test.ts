import { describe, expect, it } from 'vitest';
import { inCallStatus, sentence } from './call-text';

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
});
