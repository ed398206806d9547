import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's Firefox ESR, which `scripts/system-packages.sh` installs; Playwright's own build is not reachable here. */
export const defaultFirefoxPath = '/usr/bin/firefox-esr';

/**
 * A fake camera and microphone granted without a prompt, the way Chromium's fake-media switches do.
 * No loopback ICE pref: Firefox ESR 153 pairs no candidate with a server's 127.0.0.1 even with
 * `media.peerconnection.ice.loopback` on, so its tests' server announces a LAN address instead.
 */
const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
} as const;

const stderrLines = 15;

export interface FirefoxLaunch {
  /** The Firefox binary; `FIREFOX_PATH`, else Debian's. */
  executablePath?: string;
  /** How long Firefox may take to open its WebDriver BiDi socket. */
  timeoutMs?: number;
}

/**
 * Starts headless Firefox driven over WebDriver BiDi. A missing binary or a Firefox that does not
 * start is an error naming the binary (and, when it exited, the tail of what it printed): the tests
 * that need it fail with that, never skip, since CI installs it.
 */
export async function launchFirefox({
  executablePath = process.env.FIREFOX_PATH ?? defaultFirefoxPath,
  timeoutMs = 30_000,
}: FirefoxLaunch = {}): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Firefox is not installed at ${executablePath}: the visitor page's Firefox tests need Debian's firefox-esr ` +
        '(`bash scripts/system-packages.sh` installs it, as `npm install` does) or FIREFOX_PATH naming another Firefox.',
    );
  }
  try {
    return await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
      timeout: timeoutMs,
      extraPrefsFirefox: firefoxPrefs,
    });
  } catch (error) {
    throw new Error(`Firefox (${executablePath}) did not start: ${launchFailure((error as Error).message)}`, {
      cause: error,
    });
  }
}

/**
 * Puppeteer's launch error, kept to what says why: the exit code or the timeout, and the last lines
 * Firefox printed (puppeteer quotes its recent output under "stderr:" when the process exited).
 */
export function launchFailure(message: string): string {
  const [head = '', output] = message.split(/\n\s*stderr:\n/);
  const reason = head.replace(/^Failed to launch the browser process:\s*/, '').trim();
  if (output === undefined) return reason;
  const lines = output
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('TROUBLESHOOTING:'))
    .slice(-stderrLines);
  return lines.length === 0
    ? `${reason}; it printed nothing`
    : `${reason}; the last it printed:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

/**
 * Closes Firefox, and kills it if it does not close in time: a wedged browser must not outlive the
 * test and keep its fake camera running on a two-core machine.
 */
export async function closeFirefox(browser: Browser, timeoutMs = 10_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const closed = browser.close().then(() => true);
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const inTime = await Promise.race([closed, late]).catch(() => false);
  clearTimeout(timer);
  if (!inTime) browser.process()?.kill('SIGKILL');
}
