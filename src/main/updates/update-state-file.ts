import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { semverSchema, updateReportSchema } from '../../shared/protocol/updates';
import type { Logger } from '../log/logger';
import { initialUpdateState, type UpdateState } from './update-machine';

const feedFileSchema = z.strictObject({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().positive(),
});

const updateStateSchema = z.strictObject({
  running: semverSchema,
  phase: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('idle') }),
    z.strictObject({ kind: z.literal('downloading'), version: semverSchema, file: feedFileSchema }),
    z.strictObject({ kind: z.literal('ready'), version: semverSchema, path: z.string().min(1) }),
    z.strictObject({ kind: z.literal('installing'), version: semverSchema, from: semverSchema }),
    z.strictObject({
      kind: z.literal('trial'),
      version: semverSchema,
      from: semverSchema,
      since: z.number(),
      starts: z.number().int().nonnegative(),
    }),
  ]),
  lastCheckAt: z.number().nullable(),
  lastError: z.string().nullable(),
  unsent: z.array(updateReportSchema),
  refused: z.array(semverSchema),
  kept: z.array(z.strictObject({ version: semverSchema, schemaVersion: z.number().int().positive() })),
  storeFloor: z.number().int().positive(),
});

/**
 * The update state lives in a JSON file of its own, not in the store: it must be readable by
 * whichever version a rollback lands on, whatever that version makes of the store's schema.
 */
export function loadUpdateState(path: string, running: string, log: Logger): UpdateState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn({ err: error }, 'update state unreadable; starting afresh');
    return initialUpdateState(running);
  }
  try {
    const parsed = updateStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log.warn({ path }, 'update state does not match its schema; starting afresh');
  } catch {
    log.warn({ path }, 'update state is not JSON; starting afresh');
  }
  return initialUpdateState(running);
}

/** Written aside and renamed, so a power cut leaves the old state or the new, never half of one. */
export async function saveUpdateState(path: string, state: UpdateState): Promise<void> {
  const aside = `${path}.new`;
  await writeFile(aside, JSON.stringify(updateStateSchema.parse(state)), { flush: true });
  await rename(aside, path);
}
