import type { StaffMessage } from '../../shared/contract/kiosk';

type Listener = (message: StaffMessage | null) => void;

/**
 * A message staff sent to the kiosk's screen. Kept in main so a renderer that reloads shows it
 * again; one at a time, the newest replacing the last, until it is dismissed or expires.
 */
export class StaffMessageBoard {
  private current: { message: StaffMessage; expiresAt: number } | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs = 5 * 60_000,
  ) {}

  show(message: StaffMessage): void {
    this.current = { message, expiresAt: this.now() + this.lifetimeMs };
    this.notify();
  }

  get(): StaffMessage | null {
    if (this.current !== null && this.now() >= this.current.expiresAt) this.current = null;
    return this.current?.message ?? null;
  }

  dismiss(id: string): void {
    if (this.current?.message.id !== id) return;
    this.current = null;
    this.notify();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    const message = this.get();
    for (const listener of this.listeners) listener(message);
  }
}
