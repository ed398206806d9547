import { execFile } from 'node:child_process';

/** A reboot done or possible, or why this host cannot: staff's `reboot` is then `not_supported`. */
export type RebootResult = { ok: true } | { ok: false; reason: 'not_supported'; message: string };

export interface HostReboot {
  /** Whether logind would reboot the computer for this user now, without asking anyone for a password. */
  check(): Promise<RebootResult>;
  /** Asks logind to reboot; resolves once logind has taken the request (systemd then stops the session). */
  reboot(): Promise<RebootResult>;
}

export interface LogindRebootOptions {
  /** The `busctl` to run; found on `env.PATH` by default. */
  busctl?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** The path of the polkit rule the deb installs; named in the message when logind wants a password. */
export const kioskPolkitRule = '/etc/polkit-1/rules.d/50-visitation-kiosk.rules';

const manager = ['org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager'];

/**
 * The thin adapter that reboots the kiosk's computer through systemd-logind's D-Bus API, with
 * `busctl` (part of systemd). logind asks polkit (`org.freedesktop.login1.reboot`), which the
 * image's rule grants to the `kiosk` user. D-Bus rather than `systemctl reboot`: `CanReboot` gives,
 * before staff ever ask, the very answer polkit would give to `Reboot`, and a refused call fails
 * rather than `systemctl` falling back to asking PID 1 directly. Interactive authorization is off,
 * so a missing rule is a refusal, never a password prompt nobody at a kiosk can answer.
 */
export function logindReboot(options: LogindRebootOptions = {}): HostReboot {
  const busctl = options.busctl ?? 'busctl';
  const env = options.env ?? process.env;
  // logind answers in milliseconds; a bus that does not answer in seconds will not reboot anything.
  const timeoutMs = options.timeoutMs ?? 5000;
  const call = (method: string, ...args: string[]) =>
    run(
      busctl,
      ['--system', '--allow-interactive-authorization=no', 'call', ...manager, method, ...args],
      env,
      timeoutMs,
    );
  return {
    async check() {
      const done = await call('CanReboot');
      return done.ok ? canRebootAnswer(done.stdout) : done;
    },
    async reboot() {
      // `b false`: not interactive, the same as the option above, for logind's own check.
      const done = await call('Reboot', 'b', 'false');
      return done.ok ? { ok: true } : done;
    },
  };
}

/** What logind's `CanReboot` said (`s "yes"`), as a result; only `yes` lets the kiosk reboot unattended. */
export function canRebootAnswer(stdout: string): RebootResult {
  const answer = /^s "([a-z-]+)"\s*$/.exec(stdout)?.[1];
  switch (answer) {
    case 'yes':
      return { ok: true };
    case 'challenge':
      return notSupported(`polkit would ask for a password to reboot: is ${kioskPolkitRule} installed?`);
    case 'no':
      return notSupported('polkit does not let this user reboot the computer');
    case 'na':
      return notSupported('logind says this computer cannot be rebooted (na)');
    default:
      return notSupported(
        `logind's CanReboot gave an answer the kiosk does not know: ${JSON.stringify(stdout.trim())}`,
      );
  }
}

type Ran = { ok: true; stdout: string } | { ok: false; reason: 'not_supported'; message: string };

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) {
        resolve({ ok: true, stdout });
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        resolve(notSupported(`${file} was not found: this host has no systemd to reboot it through`));
      } else if (error.killed) {
        resolve(notSupported(`logind did not answer within ${timeoutMs} ms`));
      } else {
        const said = (stderr.trim().split('\n')[0] ?? '').slice(0, 300);
        resolve(
          notSupported(`logind refused: ${said === '' ? 'no reason given' : said} (${file} exit ${String(code)})`),
        );
      }
    });
  });
}

function notSupported(message: string): { ok: false; reason: 'not_supported'; message: string } {
  return { ok: false, reason: 'not_supported', message };
}
