/** The server's idea of now, injected so lockouts and visit windows can be tested without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
