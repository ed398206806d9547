import { expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newLogDir } from './e2e-logs';

export interface PreviewProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the kiosk logged so far, as parsed JSON lines. */
  logs(): Array<Record<string, unknown>>;
  /** Kills the host at once (SIGKILL: no shutdown of any kind, as a crash or a power cut) and waits for it to go. */
  kill(): Promise<void>;
  /**
   * Starts the host again on the same port with the same data folder, so its pages reconnect to it;
   * `env` is added to what it was started with, less the `drop` variables (a kiosk its environment
   * no longer provisions). The new process owns the folder from then on.
   */
  restart(env?: Record<string, string>, drop?: readonly string[]): Promise<PreviewProcess>;
  stop(): Promise<void>;
}

/** Starts the built preview host entry point, exactly as `npm start` would, on a free port. */
export async function startPreviewHost(env: Record<string, string> = {}): Promise<PreviewProcess> {
  return spawnPreviewHost(mkdtempSync(join(tmpdir(), 'kiosk-e2e-')), { KIOSK_PREVIEW_PORT: '0', ...env });
}

async function spawnPreviewHost(dataDir: string, env: Record<string, string>): Promise<PreviewProcess> {
  const child = spawn(process.execPath, ['out/main/preview.js'], {
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /open (http:\/\/\S+)/.exec(stdout);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    child,
    logs: () =>
      readdirSync(join(dataDir, 'logs'))
        .filter((name) => name.endsWith('.log'))
        .flatMap((name) => readFileSync(join(dataDir, 'logs', name), 'utf8').split('\n'))
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    restart: (more = {}, drop = []) =>
      spawnPreviewHost(dataDir, {
        ...Object.fromEntries(Object.entries(env).filter(([name]) => !drop.includes(name))),
        KIOSK_PREVIEW_PORT: new URL(url).port,
        ...more,
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      // The logs outlive the data folder, for the secrets scan at the end of the run.
      const logs = join(dataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, newLogDir('kiosk'), { recursive: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the kiosk's page on a host just started again. The page already open reloads itself when
 * its contract reconnects, which can abort a navigation of ours: tried until one lands.
 */
export async function openKiosk(page: Page, url: string): Promise<void> {
  await expect(async () => {
    await page.goto(url);
  }).toPass({ timeout: 30_000 });
}
