import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PreviewProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the kiosk logged so far, as parsed JSON lines. */
  logs(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the built preview host entry point, exactly as `npm start` would, on a free port. */
export async function startPreviewHost(env: Record<string, string> = {}): Promise<PreviewProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(process.execPath, ['out/main/preview.js'], {
    env: { ...process.env, KIOSK_PREVIEW_PORT: '0', KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'debug', ...env },
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
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
