import { describe, expect, it } from 'vitest';
import { localeOf, preferredLanguage } from '../../../src/shared/i18n/locale';

describe('the reader’s language', () => {
  it('takes the first language we speak, by its primary subtag', () => {
    expect(preferredLanguage(['es-MX', 'en-US'])).toBe('es');
    expect(preferredLanguage(['fr-FR', 'ES', 'en'])).toBe('es');
    expect(preferredLanguage(['en-GB', 'es'])).toBe('en');
  });

  it('falls back to English when none is spoken here, or none is given', () => {
    expect(preferredLanguage(['fr-FR', 'de'])).toBe('en');
    expect(preferredLanguage([])).toBe('en');
    expect(preferredLanguage([''])).toBe('en');
  });

  it('formats for US facilities', () => {
    expect(localeOf('es')).toBe('es-US');
    expect(localeOf('en')).toBe('en-US');
  });
});
