import { readFileSync } from 'node:fs';

/** Microseconds some task has waited for a CPU since boot (`/proc/pressure/cpu`); undefined without PSI. */
export function machineCpuPressureUs(): number | undefined {
  try {
    const total = /^some .*total=(\d+)$/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1];
    return total === undefined ? undefined : Number(total);
  } catch {
    return undefined;
  }
}
