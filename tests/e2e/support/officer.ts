import { expect, type Page } from '@playwright/test';
import type { KioskLanguage } from './words';

/** The demo staff the reference server seeds (`VISITATION_DEMO=1`). */
export const demoStaff = {
  officer: { number: '7001', pin: '8642' },
  technician: { number: '7101', pin: '9753' },
} as const;

/** What staff read at the kiosk, in each language, written out as a person reads it. */
export const officerWords = {
  en: {
    signInTitle: 'Staff sign-in',
    staffNumber: 'Staff number',
    pin: 'Staff PIN',
    submit: 'Sign in',
    cancel: 'Cancel',
    keypad: 'Keypad',
    badCredentials: 'That staff number and PIN do not match.',
    lockedOut: /^Too many tries\. Try again in \d+:\d\d\.$/,
    panelTitle: 'Staff panel',
    signOut: 'Sign out',
    yes: 'Yes',
    lock: 'Lock',
    unlock: 'Unlock',
    endVisit: 'End visit',
    reset: 'Reset kiosk',
    outOfService: 'Out of service',
    backInService: 'Back in service',
    count: 'Count',
    done: (action: string) => `Done: ${action}.`,
    locked: 'This kiosk is locked by staff',
    outOfServiceHeading: 'Out of service',
    countReason: 'Count is in progress.',
    inService: 'In service',
    begin: 'Touch the screen to begin',
    endedByStaff: 'Staff ended the visit.',
  },
  es: {
    signInTitle: 'Acceso del personal',
    staffNumber: 'Número de personal',
    pin: 'PIN del personal',
    submit: 'Entrar',
    cancel: 'Cancelar',
    keypad: 'Teclado',
    badCredentials: 'El número de personal y el PIN no coinciden.',
    lockedOut: /^Demasiados intentos\. Inténtelo de nuevo en \d+:\d\d\.$/,
    panelTitle: 'Panel del personal',
    signOut: 'Salir',
    yes: 'Sí',
    lock: 'Bloquear',
    unlock: 'Desbloquear',
    endVisit: 'Terminar visita',
    reset: 'Reiniciar quiosco',
    outOfService: 'Fuera de servicio',
    backInService: 'Volver a servicio',
    count: 'Conteo',
    done: (action: string) => `Hecho: ${action}.`,
    locked: 'El personal bloqueó este quiosco',
    outOfServiceHeading: 'Fuera de servicio',
    countReason: 'Se está haciendo el conteo.',
    inService: 'En servicio',
    begin: 'Toque la pantalla para comenzar',
    endedByStaff: 'El personal terminó la visita.',
  },
} as const;

/**
 * Holds the staff corner (bottom right) for `ms`, as a finger would. An officer presses what is on
 * the screen: the corner exists only once the page has main's first snapshot, so the press waits
 * for it rather than landing on a page still loading.
 */
export async function pressStaffCorner(page: Page, ms: number): Promise<void> {
  await page.getByTestId('staff-corner').hover({ position: { x: 76, y: 76 } });
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/**
 * Types digits then Enter as a USB keyboard would deliver them, each `gapMs` after the last by the
 * hardware's clock: the events carry their own timestamps, so a busy test machine cannot stretch
 * a badge reader's 5 ms into a person's 150 ms (Playwright's keyboard awaits each key in turn).
 */
export async function typeWithGaps(page: Page, digits: string, gapMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const startedAt = Date.now() / 1000;
  const keys = [...digits].map((digit) => ({
    key: digit,
    code: `Digit${digit}`,
    text: digit,
    keyCode: digit.charCodeAt(0),
  }));
  keys.push({ key: 'Enter', code: 'Enter', text: '\r', keyCode: 13 });
  try {
    for (const [index, { key, code, text, keyCode }] of keys.entries()) {
      const timestamp = startedAt + (index * gapMs) / 1000;
      const common = { key, code, windowsVirtualKeyCode: keyCode, timestamp };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, ...common });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
    }
  } finally {
    await cdp.detach();
  }
}

export function staffDialog(page: Page, language: KioskLanguage) {
  return page.getByRole('dialog', { name: officerWords[language].signInTitle });
}

export function staffPanel(page: Page, language: KioskLanguage) {
  return page.getByRole('dialog', { name: officerWords[language].panelTitle });
}

/** Staff sign-in on the on-screen keypad, the dialog already open. */
export async function enterStaffCredentials(
  page: Page,
  language: KioskLanguage,
  staffNumber: string | null,
  pin: string,
): Promise<void> {
  const say = officerWords[language];
  const dialog = staffDialog(page, language);
  const keypad = dialog.getByRole('group', { name: say.keypad });
  if (staffNumber !== null) {
    await dialog.getByLabel(say.staffNumber).click();
    for (const digit of staffNumber) await keypad.getByRole('button', { name: digit, exact: true }).click();
  }
  await dialog.getByLabel(say.pin, { exact: true }).click();
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: say.submit, exact: true }).click();
}

/** The long press, then the demo officer's number and PIN: the staff panel. */
export async function signInAsOfficer(page: Page, language: KioskLanguage): Promise<void> {
  await pressStaffCorner(page, 3300);
  await expect(staffDialog(page, language)).toBeVisible();
  await enterStaffCredentials(page, language, demoStaff.officer.number, demoStaff.officer.pin);
  await expect(staffPanel(page, language)).toBeVisible();
}

/** An action on the panel, confirmed, and main's answer that it was done. */
export async function act(page: Page, language: KioskLanguage, action: string): Promise<void> {
  const say = officerWords[language];
  const panel = staffPanel(page, language);
  await panel.getByRole('button', { name: action, exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: say.yes, exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(say.done(action));
}
