import { describe, expect, it } from 'vitest';
import { inCallStatus, sentence, stoppedDevicesText, waitText } from './call-text';
import { createWords } from './i18n/words';

const english = createWords('en').words;
const spanish = createWords('es').words;
const playing = { receiving: false, sending: false };
const live = { frozen: false, paused: playing };
const frozen = { frozen: true, paused: playing };

describe('visitor page text', () => {
  it('ends a sentence once, whether or not the name already ends it', () => {
    expect(inCallStatus(english, 'Marcus R.', live, '2:30 PM')).toBe('In a visit with Marcus R. Ends at 2:30 PM.');
    expect(inCallStatus(english, 'Marcus', live, '2:30 PM')).toBe('In a visit with Marcus. Ends at 2:30 PM.');
    expect(inCallStatus(english, 'Marcus R.', frozen, '2:30 PM')).toBe(
      'The picture from Marcus R. stopped. Reconnecting the video… The visit ends at 2:30 PM.',
    );
    expect(inCallStatus(spanish, 'Marcus R.', live, '2:30 p.m.')).toBe(
      'En una visita con Marcus R. Termina a las 2:30 p.m.',
    );
    expect(inCallStatus(spanish, 'Marcus R.', frozen, '2:30 p.m.')).toBe(
      'La imagen de Marcus R. se detuvo. Reconectando el video… La visita termina a las 2:30 p.m.',
    );
  });

  it('says the video is paused for a weak link, this side’s before a frozen picture, theirs after', () => {
    const weakHere = { frozen: true, paused: { receiving: true, sending: false } };
    const weakThere = { frozen: false, paused: { receiving: false, sending: true } };
    expect(inCallStatus(english, 'Marcus R.', weakHere, '2:30 PM')).toBe(
      'Video paused: weak connection. You can still hear Marcus R.; the picture comes back by itself. The visit ends at 2:30 PM.',
    );
    expect(inCallStatus(english, 'Marcus R.', weakThere, '2:30 PM')).toMatch(/^Video paused for Marcus R.: weak/);
    expect(inCallStatus(spanish, 'Marcus R.', weakHere, '2:30 p.m.')).toMatch(/^Video en pausa: conexión débil\./);
  });

  it('adds a full stop only where no closing mark is', () => {
    expect(sentence('Hello')).toBe('Hello.');
    expect(sentence('Really?')).toBe('Really?');
    expect(sentence('Wait…')).toBe('Wait…');
  });

  it('says which of the other side’s devices stopped, and shows no picture for a camera that did', () => {
    expect(stoppedDevicesText(english, 'Marcus R.', { video: false, audio: false })).toEqual({
      picture: '',
      status: '',
    });
    expect(stoppedDevicesText(english, 'Marcus R.', { video: true, audio: false })).toEqual({
      picture: 'Camera unavailable',
      status: 'The camera of Marcus R. stopped working. You can still hear each other.',
    });
    expect(stoppedDevicesText(english, 'Marcus R.', { video: false, audio: true }).status).toMatch(/cannot hear them/);
    expect(stoppedDevicesText(english, 'Marcus R.', { video: true, audio: true }).picture).toBe('Camera unavailable');
    expect(stoppedDevicesText(spanish, 'Marcus R.', { video: true, audio: false }).picture).toBe(
      'Cámara no disponible',
    );
  });

  it('counts the minutes left with the plural each language needs', () => {
    expect(english('call.warning', { count: 1 })).toBe('1 minute left in this visit.');
    expect(english('call.warning', { count: 5 })).toBe('5 minutes left in this visit.');
    expect(spanish('call.warning', { count: 1 })).toBe('Queda 1 minuto de esta visita.');
    expect(spanish('call.warning', { count: 5 })).toBe('Quedan 5 minutos de esta visita.');
  });

  it('says a refused visitor’s wait in seconds or whole minutes', () => {
    expect(waitText('en-US', 45)).toBe('45 seconds');
    expect(waitText('en-US', 150)).toBe('3 minutes');
    expect(waitText('es-US', 150)).toBe('3 minutos');
  });
});
