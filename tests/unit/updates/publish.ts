import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';

export interface Published {
  version: string;
  file: string;
  bytes: Buffer;
  sha512: string;
}

/** Lays a release out as electron-builder publishes one: the package and its channel's yml beside it. */
export function publish(
  dir: string,
  feedFile: string,
  version: string,
  options: { size?: number; stagingPercentage?: number; claimedSha512?: string } = {},
): Published {
  const bytes = randomBytes(options.size ?? 256 * 1024);
  const file = `visitation-kiosk-${version}.AppImage`;
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(join(dir, file), bytes);
  const claimed = options.claimedSha512 ?? sha512;
  writeFileSync(
    join(dir, feedFile),
    dump({
      version,
      files: [{ url: file, sha512: claimed, size: bytes.length, blockMapSize: 123 }],
      path: file,
      sha512: claimed,
      releaseDate: '2026-12-01T10:00:00.000Z',
      ...(options.stagingPercentage === undefined ? {} : { stagingPercentage: options.stagingPercentage }),
    }),
  );
  return { version, file, bytes, sha512 };
}
