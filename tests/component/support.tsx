import { render } from '@testing-library/react';
import { unreportedCallDevices } from '../../src/shared/contract/devices';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { createI18n } from '../../src/renderer/i18n/i18n';
import type { Language } from '../../src/shared/contract/kiosk';
import type { KioskBridge, Outcome } from '../../src/shared/contract/client';
import type { EventName, EventOf, RequestName, ResponseOf } from '../../src/shared/contract/contract';

/** A bridge whose answers a test scripts, and whose events a test pushes, checked by the same types. */
export function scriptedBridge(answers: Partial<{ [N in RequestName]: Outcome<ResponseOf<N>> }>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const request = vi.fn(
    async (channel: RequestName) =>
      answers[channel] ?? { ok: false, error: { code: 'handler_failed', message: 'unscripted' } },
  );
  const bridge = {
    host: 'preview',
    request,
    on: (event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as KioskBridge;
  const push = <E extends EventName>(event: E, payload: EventOf<E>) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return { bridge, request, push };
}

/** What every snapshot carries besides its screen's content: English, normal text, no idle warning. */
export const common = {
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: unreportedCallDevices,
  staff: null,
} as const;

/** Renders a piece of the UI with the app's translator set to a language, as the app does for main's choice. */
export function renderIn(language: Language, ui: ReactElement) {
  const i18n = createI18n();
  void i18n.changeLanguage(language);
  // A wrapper rather than a parent, so `rerender` keeps the translator.
  return render(ui, { wrapper: ({ children }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider> });
}
