import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnosticsLogLines } from '../../shared/protocol/diagnostics';
import { redactLogLine } from './redact-log-line';

/** How far back into one file the reader looks: 200 lines of JSON fit many times over. */
const tailBytes = 512 * 1024;

export interface RecentLogLines {
  lines: string[];
  /** Why nothing could be read; null when the lines are what the folder holds. */
  unreadable: string | null;
}

/**
 * The newest `count` lines of the kiosk's rotated log files, redacted, oldest first. It reads the
 * newest file's tail and goes back to older files only while it has too few lines, so a large log
 * folder costs no more than a small one.
 */
export async function recentLogLines(dir: string, count = diagnosticsLogLines): Promise<RecentLogLines> {
  let files: Array<{ path: string; modifiedMs: number }>;
  try {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.log'));
    files = await Promise.all(
      names.map(async (name) => ({ path: join(dir, name), modifiedMs: (await stat(join(dir, name))).mtimeMs })),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      lines: [],
      unreadable: code === 'ENOENT' ? 'no log folder yet' : `the log folder cannot be read: ${code}`,
    };
  }
  files.sort((a, b) => b.modifiedMs - a.modifiedMs || b.path.localeCompare(a.path));
  const newestFirst: string[] = [];
  try {
    for (const file of files) {
      const lines = await lastLines(file.path, count - newestFirst.length);
      newestFirst.push(...lines.reverse());
      if (newestFirst.length >= count) break;
    }
  } catch (error) {
    return {
      lines: newestFirst.reverse().map(redactLogLine),
      unreadable: `a log file cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    };
  }
  return { lines: newestFirst.reverse().map(redactLogLine), unreadable: null };
}

/** Up to `count` complete lines from the end of the file, in file order. */
async function lastLines(path: string, count: number): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - tailBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A tail that starts mid-file starts mid-line; the last element is after the final newline.
    if (start > 0) lines.shift();
    return lines.filter((line) => line.trim() !== '').slice(-count);
  } finally {
    await handle.close();
  }
}
