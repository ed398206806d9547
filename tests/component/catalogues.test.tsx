import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/i18n';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';

/** Every leaf of a catalogue as "path: string". */
function leaves(catalogue: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of leaves(value as object, `${path}.`)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('message catalogues', () => {
  it('Spanish has every English message, with the same placeholders, and none left in English', () => {
    const english = leaves(en);
    const spanish = leaves(es);
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [path, text] of english) {
      const translated = spanish.get(path) ?? '';
      expect(placeholders(translated), path).toEqual(placeholders(text));
      // Words that are the same in both languages, and placeholders with units alone, are the only ones allowed to match.
      const words = text.replace(/\{\{\w+\}\}/g, '').replace(/\b(ms|kbit\/s)\b/g, '');
      if (!['PIN', 'OK', 'No'].includes(text) && /\p{L}/u.test(words)) expect(translated, path).not.toBe(text);
    }
  });

  it('chooses singular and plural per language', () => {
    const i18n = createI18n();
    expect(i18n.t('call.warning', { count: 1 })).toBe('1 minute left');
    expect(i18n.t('call.warning', { count: 5 })).toBe('5 minutes left');
    void i18n.changeLanguage('es');
    expect(i18n.t('call.warning', { count: 1 })).toBe('Queda 1 minuto');
    expect(i18n.t('call.warning', { count: 5 })).toBe('Quedan 5 minutos');
  });
});
