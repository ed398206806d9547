// Starts the built reference visitation server as a child process and waits for its banner.
import { spawn } from 'node:child_process';
import { readableLog } from './readable-log.mjs';

/**
 * Resolves with the child, its URL and the demo enrolment code from its one-line banner. With
 * `logFile`, its JSON log is kept in that file, and with `echo` its output is shown as readable lines.
 */
export function startReferenceServer(env = {}, { echo = true, logFile } = {}) {
  const child = spawn(process.execPath, ['out/server/index.js'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', echo ? 'inherit' : 'ignore'],
  });
  const show = echoTo(echo, logFile);
  return new Promise((resolve, reject) => {
    let banner = '';
    child.stdout.on('data', (chunk) => {
      show?.(chunk);
      banner += chunk.toString();
      const url = /Visitation server at (\S+)/.exec(banner)?.[1];
      const enrolmentCode = /kiosk enrolment code (\S+)/.exec(banner)?.[1];
      if (url !== undefined && enrolmentCode !== undefined) resolve({ child, url, enrolmentCode });
    });
    child.once('exit', (code) => reject(new Error(`the reference server exited with ${code} before it was ready`)));
  });
}

function echoTo(echo, logFile) {
  if (logFile !== undefined) return readableLog({ logFile, name: 'server', ...(echo ? {} : { write: () => {} }) });
  return echo ? (chunk) => process.stdout.write(chunk) : undefined;
}
