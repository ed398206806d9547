import type { Page } from '@playwright/test';

/**
 * What a person reads on the kiosk, in each language, written out here rather than taken from the
 * app's catalogues: the tests find controls the way a person does, by the words on them.
 */
export const words = {
  en: {
    name: 'English',
    begin: 'Touch the screen to begin',
    signInHeading: 'Sign in',
    inmateId: 'Inmate ID',
    pin: 'PIN',
    signIn: 'Sign in',
    keypad: 'Keypad',
    badCredentials: 'That inmate ID and PIN do not match. Please try again.',
    lockedOut: /^Too many tries\. You can try again in \d+:\d\d\.$/,
    visitsHeading: "Today's visits",
    hello: 'Hello, Marcus R.',
    startVisit: 'Start visit',
    precheckHeading: 'Before your visit',
    recorded: 'This visit is recorded and may be monitored by staff.',
    acknowledge: 'I understand',
    notRecorded: 'This is a legal visit. It is not recorded or monitored.',
    continue: 'Continue',
    back: 'Back',
    microphone: 'Microphone',
    waiting: (name: string) => `Waiting for ${name} to join…`,
    timeRemaining: 'Time remaining',
    goodConnection: /Good connection|Weak connection|Poor connection/,
    quieter: 'Quieter',
    louder: 'Louder',
    volume: 'Volume',
    hangUp: 'Hang up',
    confirmHangUp: 'Hang up?',
    yes: 'Yes',
    no: 'No',
    minutesLeft: /^\d+ minutes? left$/,
    summaryHeading: 'Your visit has ended',
    youHungUp: 'You hung up.',
    connected: 'Time connected',
    done: 'Done',
    stillThere: 'Are you still there?',
    stillHere: "I'm still here",
    largerText: 'Larger text',
  },
  es: {
    name: 'Español',
    begin: 'Toque la pantalla para comenzar',
    signInHeading: 'Iniciar sesión',
    inmateId: 'Número de recluso',
    pin: 'PIN',
    signIn: 'Entrar',
    keypad: 'Teclado',
    badCredentials: 'El número de recluso y el PIN no coinciden. Inténtelo de nuevo.',
    lockedOut: /^Demasiados intentos\. Puede intentarlo de nuevo en \d+:\d\d\.$/,
    visitsHeading: 'Visitas de hoy',
    hello: 'Hola, Marcus R.',
    startVisit: 'Empezar visita',
    precheckHeading: 'Antes de su visita',
    recorded: 'Esta visita se graba y el personal puede vigilarla.',
    acknowledge: 'Entiendo',
    notRecorded: 'Esta es una visita legal. No se graba ni se vigila.',
    continue: 'Continuar',
    back: 'Atrás',
    microphone: 'Micrófono',
    waiting: (name: string) => `Esperando a que ${name} se conecte…`,
    timeRemaining: 'Tiempo restante',
    goodConnection: /Buena conexión|Conexión débil|Mala conexión/,
    quieter: 'Más bajo',
    louder: 'Más alto',
    volume: 'Volumen',
    hangUp: 'Colgar',
    confirmHangUp: '¿Colgar?',
    yes: 'Sí',
    no: 'No',
    minutesLeft: /^Queda(n)? \d+ minutos?$/,
    summaryHeading: 'Su visita terminó',
    youHungUp: 'Usted colgó.',
    connected: 'Tiempo conectado',
    done: 'Listo',
    stillThere: '¿Sigue ahí?',
    stillHere: 'Sigo aquí',
    largerText: 'Letra más grande',
  },
} as const;

export type KioskLanguage = keyof typeof words;
export const languages = Object.keys(words) as KioskLanguage[];

/** Picks a language the way a person does, from the toggle every screen shows. */
export async function chooseLanguage(page: Page, language: KioskLanguage): Promise<void> {
  await page.getByRole('button', { name: words[language].name, exact: true }).click();
  await page.locator(`html[lang="${language}"]`).waitFor();
}

/** Signs in on the keypad in the language showing; the attract screen's touch starts it. */
export async function signInAs(page: Page, language: KioskLanguage, inmateId: string, pin: string): Promise<void> {
  const say = words[language];
  await page.getByRole('button', { name: say.begin }).click();
  await page.getByLabel(say.inmateId).click();
  await typeDigits(page, language, inmateId);
  await page.getByLabel(say.pin, { exact: true }).click();
  await typeDigits(page, language, pin);
  await page.getByRole('button', { name: say.signIn, exact: true }).click();
}

export async function typeDigits(page: Page, language: KioskLanguage, digits: string): Promise<void> {
  const keypad = page.getByRole('group', { name: words[language].keypad });
  for (const digit of digits) await keypad.getByRole('button', { name: digit, exact: true }).click();
}
