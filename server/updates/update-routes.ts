import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { load } from 'js-yaml';
import { describeIssues } from '../../src/shared/describe-issues';
import { housingUnitIdSchema } from '../../src/shared/protocol/common';
import {
  feedFileOf,
  updateChannelRequestSchema,
  updateFeedSchema,
  updateFileNameSchema,
  updateReportAckSchema,
  updateReportSchema,
  updateReportsPath,
  type UpdateChannel,
  type UpdateFeed,
} from '../../src/shared/protocol/updates';
import type { KioskIdentity, Kiosks } from '../domain/kiosks';
import { requireAdmin } from '../http/api-routes';
import { HttpFailure, readJson, sendJson } from '../http/json';
import type { Route } from '../http/router';
import type { Logger } from '../log';
import type { ChannelChanges } from './update-channel';
import type { UpdateRecords } from './update-records';

export interface UpdateRouteDeps {
  /** The operator's folder holding `latest-linux.yml`, `pilot-linux.yml` and the files they name; unset: no feed. */
  updatesDir: string | undefined;
  kiosks: Pick<Kiosks, 'authenticate'>;
  records: UpdateRecords;
  /** The one way staff set a unit's channel, shared with the console. */
  setChannel: ChannelChanges;
  adminToken: string;
  log: Logger;
}

const feedNames = new Set(Object.values(feedFileOf));

/**
 * The update feed for electron-updater's generic provider, at the kiosk's own server and behind the
 * kiosk's token. Whichever channel's feed a kiosk asks for, it gets its housing unit's channel: the
 * channel is the facility's choice, not the kiosk's. A version marked bad, for the fleet or for this
 * kiosk, is not offered, and only files the offered feed names are served.
 */
export function updateRoutes(deps: UpdateRouteDeps): Route[] {
  const { records, log } = deps;

  async function offeredFeed(
    kiosk: KioskIdentity,
  ): Promise<{ feed: UpdateFeed; text: string; channel: UpdateChannel }> {
    const channel = records.channelOf(kiosk.housingUnitId) ?? 'stable';
    if (deps.updatesDir === undefined) throw new HttpFailure(404, 'no_update', 'this server publishes no updates');
    let text: string;
    try {
      text = await readFile(join(deps.updatesDir, feedFileOf[channel]), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new HttpFailure(404, 'no_update', `nothing published on the ${channel} channel`);
      }
      throw error;
    }
    let parsed: ReturnType<typeof updateFeedSchema.safeParse>;
    try {
      parsed = updateFeedSchema.safeParse(load(text));
    } catch (error) {
      log.error({ err: error, channel }, 'update feed is not YAML');
      throw new HttpFailure(404, 'no_update', `the ${channel} feed is unreadable`);
    }
    if (!parsed.success) {
      log.error({ channel, issues: describeIssues(parsed.error) }, 'update feed does not match the format');
      throw new HttpFailure(404, 'no_update', `the ${channel} feed is unreadable`);
    }
    if (!records.offerable(kiosk.kioskId, parsed.data.version)) {
      throw new HttpFailure(404, 'no_update', `version ${parsed.data.version} is not offered to this kiosk`);
    }
    return { feed: parsed.data, text, channel };
  }

  return [
    {
      method: 'GET',
      path: /^\/api\/updates\/([^/]+)$/,
      handle: async (request, response, [name = '']) => {
        const kiosk = requireKiosk(request, deps.kiosks);
        const { feed, text, channel } = await offeredFeed(kiosk);
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('X-Update-Channel', channel);
        if (feedNames.has(name)) {
          response.writeHead(200, { 'Content-Type': 'text/yaml; charset=utf-8' });
          response.end(request.method === 'HEAD' ? undefined : text);
          return;
        }
        const file = updateFileNameSchema.safeParse(name);
        const named = new Set([feed.path, ...feed.files.map((entry) => entry.url)]);
        if (!file.success || !named.has(file.data) || deps.updatesDir === undefined) {
          throw new HttpFailure(404, 'not_found', 'not a file of the offered update');
        }
        await sendFile(request, response, join(deps.updatesDir, file.data), log);
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${updateReportsPath}$`),
      handle: async (request, response) => {
        const kiosk = requireKiosk(request, deps.kiosks);
        const parsed = updateReportSchema.safeParse(await readJson(request));
        if (!parsed.success) throw new HttpFailure(400, 'invalid_request', describeIssues(parsed.error));
        const report = parsed.data;
        const { badForFleet, newlyBad } = records.record(kiosk.kioskId, report);
        log.info({ kioskId: kiosk.kioskId, version: report.version, outcome: report.outcome }, 'update report');
        if (newlyBad) log.warn({ version: report.version }, 'update version marked bad for the fleet');
        sendJson(response, 200, updateReportAckSchema, { id: report.id, badForFleet });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/housing-units\/([^/]+)\/update-channel$/,
      handle: async (request, response, [housingUnitId]) => {
        requireAdmin(request, deps.adminToken);
        const unit = housingUnitIdSchema.safeParse(housingUnitId);
        const body = updateChannelRequestSchema.safeParse(await readJson(request));
        if (!unit.success || !body.success) throw new HttpFailure(400, 'invalid_request', 'a unit and a channel');
        if (deps.setChannel(unit.data, body.data.channel, null).status === 'not_found') {
          throw new HttpFailure(404, 'not_found', 'no such housing unit');
        }
        sendJson(response, 200, updateChannelRequestSchema, body.data);
      },
    },
  ];
}

function requireKiosk(request: IncomingMessage, kiosks: Pick<Kiosks, 'authenticate'>): KioskIdentity {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const kiosk = token === undefined ? undefined : kiosks.authenticate(token);
  if (kiosk === undefined) throw new HttpFailure(401, 'unauthenticated', 'kiosk token required');
  return kiosk;
}

/** One byte range (`bytes=a-b`, `a-`, `-n`) so an interrupted download resumes; others get the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (match === null || (match[1] === '' && match[2] === '')) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '') {
    const suffix = Number(to);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start >= size || start > end ? 'unsatisfiable' : { start, end };
}

async function sendFile(request: IncomingMessage, response: ServerResponse, path: string, log: Logger): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new HttpFailure(404, 'not_found', 'the update file is missing');
  const range = parseRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') {
    response.setHeader('Content-Range', `bytes */${info.size}`);
    throw new HttpFailure(416, 'invalid_request', 'range not satisfiable');
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  response.writeHead(range === undefined ? 200 : 206, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(end - start + 1),
    'Accept-Ranges': 'bytes',
    ...(range === undefined ? {} : { 'Content-Range': `bytes ${start}-${end}/${info.size}` }),
  });
  if (request.method === 'HEAD' || info.size === 0) {
    response.end();
    return;
  }
  try {
    await pipeline(createReadStream(path, { start, end }), response);
  } catch (error) {
    // A kiosk that stops mid-file resumes with a range later; only a failure on our side is an error.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      log.info({ start, end }, 'update download interrupted by the kiosk');
    } else {
      log.error({ err: error }, 'update file could not be sent');
      response.destroy();
    }
  }
}
