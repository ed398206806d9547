import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DownloadRequest {
  url: string;
  token: string;
  /** Where the verified file ends; `<dest>.part` holds a download in progress across restarts. */
  dest: string;
  size: number;
  /** The feed's base64 SHA-512 of the whole file. */
  sha512: string;
  /** The bound on the average rate since the download (or its resumption) began. */
  bytesPerSecond: number;
  signal?: AbortSignal;
}

export interface DownloadResult {
  path: string;
  /** Bytes fetched by this call (less than the size when a partial file was resumed). */
  fetched: number;
  resumedFrom: number;
  ms: number;
}

/** The file fetched is not the one the feed describes; the partial file is gone, the next try starts over. */
export class UpdateVerifyError extends Error {
  override readonly name = 'UpdateVerifyError';
  constructor(readonly code: 'checksum_mismatch' | 'size_mismatch') {
    super(`the downloaded update failed verification: ${code.replace('_', ' ')}`);
  }
}

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

/**
 * Fetches an update file in the background at a bounded rate, resuming a partial file with a range
 * request, and keeps it only if its size and SHA-512 match the feed. electron-updater has no
 * bandwidth limit, so the kiosk downloads with this and installs the verified file itself: a visit
 * on the same link keeps its bandwidth.
 */
export async function downloadVerified(request: DownloadRequest): Promise<DownloadResult> {
  const part = `${request.dest}.part`;
  const hash = createHash('sha512');
  const resumedFrom = await hashExisting(part, hash, request.size);
  const started = performance.now();
  let fetched = 0;
  if (resumedFrom < request.size) {
    const response = await fetch(request.url, {
      headers: {
        authorization: `Bearer ${request.token}`,
        ...(resumedFrom > 0 ? { range: `bytes=${resumedFrom}-` } : {}),
      },
      signal: request.signal ?? null,
    });
    if (response.status === 200 && resumedFrom > 0) {
      // The server ignored the range: start the file over rather than append a second copy.
      hash.destroy();
      return downloadAfterRestart(request, part, response, started);
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new DownloadError(`update file answered ${response.status}`);
    }
    if (response.status === 206 && !response.headers.get('content-range')?.startsWith(`bytes ${resumedFrom}-`)) {
      await response.body?.cancel();
      throw new DownloadError('update file answered a range other than the one asked for');
    }
    fetched = await receive(response, part, resumedFrom > 0 ? 'a' : 'w', hash, request);
  }
  return finish(request, part, hash, { fetched, resumedFrom, started });
}

async function downloadAfterRestart(
  request: DownloadRequest,
  part: string,
  response: Response,
  started: number,
): Promise<DownloadResult> {
  const hash = createHash('sha512');
  const fetched = await receive(response, part, 'w', hash, request);
  return finish(request, part, hash, { fetched, resumedFrom: 0, started });
}

async function finish(
  request: DownloadRequest,
  part: string,
  hash: Hash,
  run: { fetched: number; resumedFrom: number; started: number },
): Promise<DownloadResult> {
  const { size } = await stat(part);
  const failure =
    size !== request.size ? 'size_mismatch' : hash.digest('base64') !== request.sha512 ? 'checksum_mismatch' : null;
  if (failure !== null) {
    await rm(part, { force: true });
    throw new UpdateVerifyError(failure);
  }
  await rename(part, request.dest);
  return {
    path: request.dest,
    fetched: run.fetched,
    resumedFrom: run.resumedFrom,
    ms: performance.now() - run.started,
  };
}

/** Feeds a partial file from an earlier try into the hash; returns its length (0 when none or too long). */
async function hashExisting(part: string, hash: Hash, size: number): Promise<number> {
  const existing = await stat(part).catch(() => undefined);
  if (existing === undefined) return 0;
  if (existing.size > size) {
    await rm(part, { force: true });
    return 0;
  }
  for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
  return existing.size;
}

/** Writes the body, sleeping whenever it runs ahead of the rate; a chunk is at most what the socket gave. */
async function receive(
  response: Response,
  part: string,
  flags: 'a' | 'w',
  hash: Hash,
  request: DownloadRequest,
): Promise<number> {
  if (response.body === null) throw new DownloadError('update file answered with no body');
  const file = await open(part, flags);
  const began = performance.now();
  let received = 0;
  try {
    for await (const chunk of response.body) {
      await file.write(chunk);
      hash.update(chunk);
      received += chunk.byteLength;
      const aheadMs = (received / request.bytesPerSecond) * 1000 - (performance.now() - began);
      if (aheadMs > 1) await sleep(aheadMs, undefined, { signal: request.signal });
    }
    // Synced before verification renames it: a power cut must not leave a verified name on lost bytes.
    await file.sync();
  } finally {
    await file.close();
  }
  return received;
}
