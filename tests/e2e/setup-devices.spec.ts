import type { Page } from '@playwright/test';
import { controlDevices } from './support/fake-devices';
import {
  demoStaff,
  enterStaffCredentials,
  officerWords,
  pressStaffCorner,
  staffDialog,
  staffPanel,
} from './support/officer';
import { checkScreen } from './support/screens';
import { startPreviewHost, type PreviewProcess } from './support/preview-process';
import { expect, test } from './support/visitation';
import { chooseLanguage, type KioskLanguage } from './support/words';

/** The words of the devices step, as a technician reads them. */
const say = {
  en: {
    address: 'Server address',
    check: 'Check',
    continue: 'Continue',
    staffNumber: 'Staff number',
    pin: 'PIN',
    signIn: 'Sign in',
    units: 'Housing unit',
    location: 'Location in the unit',
    place: 'Set up this kiosk here',
    devicesStep: 'Step 4: the kiosk’s devices',
    placed: /This kiosk is in B-East, at B-East dayroom 3\./,
    camera: 'Camera',
    microphone: 'Microphone',
    speaker: 'Speaker',
    handsetMicrophone: 'Handset microphone',
    handsetSpeaker: 'Handset earpiece',
    none: 'None',
    preview: 'Camera preview: fake_device_0',
    level: (label: string) => `Sound level: ${label}`,
    testTone: (label: string) => `Test tone: ${label}`,
    tonePlayed: 'A tone was played.',
    onHook: 'The handset is on its hook: lift the handset.',
    offHook: 'The handset is lifted: hang it up.',
    noCamera: /No camera is connected\. A video kiosk cannot work without one/,
    confirm: 'Use these devices',
    checkStep: 'Step 5: network and media check',
    doneStep: 'This kiosk is set up',
  },
  es: {
    address: 'Dirección del servidor',
    check: 'Comprobar',
    continue: 'Continuar',
    staffNumber: 'Número de personal',
    pin: 'PIN',
    signIn: 'Iniciar sesión',
    units: 'Unidad',
    location: 'Lugar en la unidad',
    place: 'Configurar el quiosco aquí',
    devicesStep: 'Paso 4: los dispositivos del quiosco',
    placed: /Este quiosco está en B-East, en B-East dayroom 3\./,
    camera: 'Cámara',
    microphone: 'Micrófono',
    speaker: 'Altavoz',
    handsetMicrophone: 'Micrófono del auricular',
    handsetSpeaker: 'Altavoz del auricular',
    none: 'Ninguno',
    preview: 'Vista de la cámara: fake_device_0',
    level: (label: string) => `Nivel de sonido: ${label}`,
    testTone: (label: string) => `Tono de prueba: ${label}`,
    tonePlayed: 'Se oyó un tono.',
    onHook: 'El auricular está colgado: descuelgue el auricular.',
    offHook: 'El auricular está descolgado: cuélguelo.',
    noCamera: /No hay ninguna cámara conectada\. Un quiosco de video no funciona sin cámara/,
    confirm: 'Usar estos dispositivos',
    checkStep: 'Paso 5: prueba de red y de medios',
    doneStep: 'Este quiosco está configurado',
  },
} as const;

/** The simulated handset, its audio being Chromium's second fake input and output. */
const handsetKiosk = { KIOSK_SIMULATED_HANDSET: '1', KIOSK_HANDSET_AUDIO_LABEL: '^Fake Audio (Input|Output) 2$' };

/**
 * The steps before devices, each tested with its own keyboard in setup.spec.ts: here the fields
 * are filled directly, to reach the devices step.
 */
async function reachDevicesStep(page: Page, language: KioskLanguage, serverUrl: string): Promise<void> {
  const words = say[language];
  await page.getByLabel(words.address).fill(serverUrl);
  await page.getByRole('button', { name: words.check }).click();
  await page.getByRole('button', { name: words.continue }).click();
  await page.getByLabel(words.staffNumber).fill('7101');
  await page.getByLabel(words.pin, { exact: true }).fill('9753');
  await page.getByRole('button', { name: words.signIn }).click();
  await page.getByRole('group', { name: words.units }).getByRole('radio', { name: 'B-East' }).check();
  await page.getByLabel(words.location).fill('B-East dayroom 3');
  await page.getByRole('button', { name: words.place }).click();
  await expect(page.getByRole('heading', { name: words.devicesStep })).toBeVisible();
  await expect(page.getByText(words.placed)).toBeVisible();
}

/** The simulated handset's test-only endpoint, as the preview host logged it. */
async function pressHandset(host: PreviewProcess, action: 'lift' | 'hang-up'): Promise<void> {
  const listening = host.logs().find((line) => line['msg'] === 'simulated handset listening');
  if (typeof listening?.['url'] !== 'string') throw new Error('the preview host has no simulated handset');
  const response = await fetch(`${listening['url']}/${action}`, { method: 'POST' });
  expect(response.status).toBe(200);
}

/**
 * Which deviceId main tells the page to use for each role, read from the contract's frames as they
 * reach the page (the renderer's boundary): the latest snapshot's `devices.roles`.
 */
function watchMainDevices(page: Page): () => Record<string, { deviceId: string | null }> | undefined {
  let latest: Record<string, { deviceId: string | null }> | undefined;
  page.on('websocket', (socket) => {
    // Only the preview host's contract socket: the media check's socket.io to the server speaks its own frames.
    if (new URL(socket.url()).pathname !== '/contract') return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const frame = JSON.parse(payload) as { payload?: { devices?: { reported?: boolean; roles?: never } } };
      const devices = frame.payload?.devices ?? (frame as { result?: { devices?: never } }).result?.devices;
      const shown = devices as { reported?: boolean; roles?: Record<string, { deviceId: string | null }> } | undefined;
      if (shown?.reported === true && shown.roles !== undefined) latest = shown.roles;
    });
  });
  return () => latest;
}

async function deviceIdOf(page: Page, kind: MediaDeviceKind, label: string): Promise<string> {
  return page.evaluate(
    async ([wantedKind, wantedLabel]) => {
      const found = (await navigator.mediaDevices.enumerateDevices()).find(
        (device) => device.kind === wantedKind && device.label === wantedLabel,
      );
      if (found === undefined) throw new Error(`no ${wantedKind} labelled ${wantedLabel}`);
      return found.deviceId;
    },
    [kind, label] as const,
  );
}

let kiosk: PreviewProcess | undefined;
test.afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

test('setup’s devices step: every device tried on the spot, a non-default microphone chosen, and main uses it after the restart', async ({
  page,
  server,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const mainDevices = watchMainDevices(page);
  kiosk = await startPreviewHost(handsetKiosk);
  await page.goto(kiosk.url);
  await reachDevicesStep(page, 'en', server.url);
  const words = say.en;

  // The default rule's choices are preselected: the only camera, the cabinet's microphone and speaker
  // (the first not the handset's), the handset's own audio.
  const camera = page.getByRole('group', { name: words.camera });
  const microphone = page.getByRole('group', { name: words.microphone, exact: true });
  const speaker = page.getByRole('group', { name: words.speaker, exact: true });
  const handsetMicrophone = page.getByRole('group', { name: words.handsetMicrophone });
  const handsetSpeaker = page.getByRole('group', { name: words.handsetSpeaker });
  await expect(camera.getByRole('radio', { name: 'fake_device_0' })).toBeChecked();
  await expect(microphone.getByRole('radio', { name: 'Fake Audio Input 1' })).toBeChecked();
  await expect(speaker.getByRole('radio', { name: 'Fake Audio Output 1' })).toBeChecked();
  await expect(handsetMicrophone.getByRole('radio', { name: 'Fake Audio Input 2' })).toBeChecked();
  await expect(handsetSpeaker.getByRole('radio', { name: 'Fake Audio Output 2' })).toBeChecked();
  // Chromium's "default" entries follow the OS, so they are never offered.
  await expect(microphone.getByRole('radio')).toHaveCount(2);

  // The highlighted camera's live picture.
  const preview = page.getByLabel(words.preview);
  await expect
    .poll(() => preview.evaluate((video: HTMLVideoElement) => (video.paused ? 0 : video.videoWidth)))
    .toBeGreaterThan(0);
  // A level per microphone, from its own stream (Chromium's fake input beeps).
  for (const label of ['Fake Audio Input 1', 'Fake Audio Input 2']) {
    const meter = page.getByRole('meter', { name: words.level(label) });
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 15_000 })
      .toBeGreaterThan(0);
  }
  // A tone per speaker, sent to that device.
  await page.getByRole('button', { name: words.testTone('Fake Audio Output 1') }).click();
  await expect(page.getByText(words.tonePlayed)).toBeVisible();
  // The hook switch, live from main.
  await expect(page.getByText(words.onHook)).toBeVisible();
  await pressHandset(kiosk, 'lift');
  await expect(page.getByText(words.offHook)).toBeVisible();
  await pressHandset(kiosk, 'hang-up');
  await expect(page.getByText(words.onHook)).toBeVisible();
  await checkScreen(page, testInfo, 'setup-devices-en');

  // The technician picks the other microphone for the cabinet and says the handset has no earpiece.
  await microphone.getByRole('radio', { name: 'Fake Audio Input 2' }).check();
  await handsetSpeaker.getByRole('radio', { name: words.none }).check();
  const exited = new Promise<number | null>((resolve) => kiosk?.child.once('exit', (code) => resolve(code)));
  await page.getByRole('button', { name: words.confirm }).click();
  // The check follows by itself, on the page loaded afresh for it, with the devices just chosen.
  await expect(page.getByRole('heading', { name: words.checkStep })).toBeVisible();
  await expect(page.getByRole('heading', { name: words.doneStep })).toBeVisible({ timeout: 30_000 });

  expect(await exited).toBe(75);
  kiosk = await kiosk.restart();
  await expect(async () => {
    await page.goto(kiosk?.url ?? '');
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  // A new session of the browser would give new deviceIds; main found the devices by identity.
  const chosenMicrophone = await deviceIdOf(page, 'audioinput', 'Fake Audio Input 2');
  await expect.poll(() => mainDevices()?.['microphone']?.deviceId).toBe(chosenMicrophone);
  expect(mainDevices()?.['handsetSpeaker']?.deviceId).toBeNull();
  expect(mainDevices()?.['speaker']?.deviceId).toBe(await deviceIdOf(page, 'audiooutput', 'Fake Audio Output 1'));
  expect(errors).toEqual([]);
});

test('setup’s devices step in Spanish, and a kiosk with no camera cannot finish setup until one is connected', async ({
  page,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const devices = await controlDevices(page);
  kiosk = await startPreviewHost(handsetKiosk);
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'es');
  await reachDevicesStep(page, 'es', server.url);
  const words = say.es;
  await expect(page.getByText(words.onHook)).toBeVisible();
  await expect(page.getByLabel(words.preview)).toBeVisible();
  await checkScreen(page, testInfo, 'setup-devices-es');

  await devices.unplug('videoinput');
  await expect(page.getByRole('group', { name: words.camera }).getByRole('alert')).toHaveText(words.noCamera);
  await expect(page.getByRole('button', { name: words.confirm })).toBeDisabled();
  await checkScreen(page, testInfo, 'setup-devices-no-camera-es');

  await devices.plug('videoinput');
  await expect(
    page.getByRole('group', { name: words.camera }).getByRole('radio', { name: 'fake_device_0' }),
  ).toBeChecked();
  await page.getByRole('button', { name: words.confirm }).click();
  await expect(page.getByRole('heading', { name: words.checkStep })).toBeVisible();
  await expect(page.getByRole('heading', { name: words.doneStep })).toBeVisible({ timeout: 30_000 });
});

test('a technician changes the devices from the staff panel, with the same chooser; an officer is not offered it', async ({
  page,
  kiosk: inService,
}, testInfo) => {
  test.setTimeout(120_000);
  const mainDevices = watchMainDevices(page);
  await page.goto(inService.url);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  const signIn = async (staff: { number: string; pin: string }): Promise<void> => {
    await pressStaffCorner(page, 3300);
    await expect(staffDialog(page, 'en')).toBeVisible();
    await enterStaffCredentials(page, 'en', staff.number, staff.pin);
    await expect(staffPanel(page, 'en')).toBeVisible();
  };

  // Deny by default: an officer's panel has no such action.
  await signIn(demoStaff.officer);
  await expect(staffPanel(page, 'en').getByRole('button', { name: 'Change devices' })).toHaveCount(0);
  await staffPanel(page, 'en').getByRole('button', { name: officerWords.en.signOut }).click();

  await signIn(demoStaff.technician);
  await staffPanel(page, 'en').getByRole('button', { name: 'Change devices' }).click();
  const chooser = page.getByRole('dialog', { name: 'Change this kiosk’s devices' });
  const microphone = chooser.getByRole('group', { name: say.en.microphone, exact: true });
  await expect(microphone.getByRole('radio', { name: 'Fake Audio Input 1' })).toBeChecked();
  await expect(chooser.getByLabel(say.en.preview)).toBeVisible();
  await checkScreen(page, testInfo, 'staff-change-devices-en');

  await microphone.getByRole('radio', { name: 'Fake Audio Input 2' }).check();
  await chooser.getByRole('button', { name: say.en.confirm }).click();
  // A technician's panel has a second status, the decommission's: the panel's own says so.
  const done = 'Done: the kiosk uses the devices you chose.';
  await expect(staffPanel(page, 'en').getByRole('status').filter({ hasText: done })).toHaveText(done);
  const chosen = await deviceIdOf(page, 'audioinput', 'Fake Audio Input 2');
  await expect.poll(() => mainDevices()?.['microphone']?.deviceId).toBe(chosen);
});
