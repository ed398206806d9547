// The control channel as tests, child processes and benchmarks put it together; free of vitest so a
// child process or a benchmark can import it.
import type { ControlLink } from '../../../src/main/link/control-link';

/** Resolves once the link is connected, or rejects after `timeoutMs`. */
export function linkConnected(link: ControlLink, timeoutMs = 10_000): Promise<void> {
  if (link.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the control channel did not connect within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = link.onConnect(() => {
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
