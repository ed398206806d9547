import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from '../log/logger';

/**
 * The thin adapter that puts notify messages on systemd's unix datagram socket. Node has no unix
 * datagram sockets (and `sd-notify` on npm needs a native build), so one long-lived `socat` child
 * sends each message it reads as one datagram. It stays alive in the unit's cgroup, so systemd can
 * always tell which unit a datagram came from (a short-lived `systemd-notify` per message races that).
 */
export class SocatNotifier {
  private child: ChildProcessWithoutNullStreams | undefined;
  private unavailable = false;

  constructor(
    private readonly socket: string,
    private readonly log: Pick<Logger, 'warn' | 'error'>,
    private readonly socatPath = 'socat',
  ) {}

  /** Sends one message; a broken channel is logged and tried again with the next message. */
  send(message: string): void {
    if (this.unavailable) return;
    const child = this.child ?? this.start();
    child.stdin.write(message);
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(this.socatPath, ['-u', 'STDIN', socatAddress(this.socket)], { stdio: 'pipe' });
    this.child = child;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => this.log.warn({ socat: text.trim() }, 'notify socket'));
    // A write after socat died fails asynchronously; the exit handler below already dealt with it.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child === child) this.child = undefined;
      if (error.code === 'ENOENT') {
        this.unavailable = true;
        this.log.error({ err: error }, 'socat is missing: systemd will not hear from the kiosk (install socat)');
      } else {
        this.log.error({ err: error }, 'notify channel failed');
      }
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (code !== 0) this.log.warn({ code, signal }, 'notify channel exited; restarting it with the next message');
    });
    return child;
  }
}

/** socat's address for a notify socket; its address syntax has no escape for `:` and `,`. */
export function socatAddress(socket: string): string {
  if (/[:,!]/.test(socket)) throw new Error(`notify socket "${socket}" has a character socat cannot address`);
  return socket.startsWith('@') ? `ABSTRACT-SENDTO:${socket.slice(1)}` : `UNIX-SENDTO:${socket}`;
}
