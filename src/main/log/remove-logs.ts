import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes every file in the log folder, which stays (the logger writes there again after the
 * restart). Lines written between this and the restart go to a file already unlinked.
 */
export async function removeLogFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
}
