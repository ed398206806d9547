import { load } from 'js-yaml';
import { describeIssues } from '../../shared/describe-issues';
import { httpErrorSchema } from '../../shared/protocol/http';
import {
  feedFileOf,
  updateChannelSchema,
  updateFeedSchema,
  updatesPath,
  type UpdateChannel,
  type UpdateFeed,
} from '../../shared/protocol/updates';

export interface FeedSource {
  /** The kiosk's own visitation server. */
  serverUrl: string;
  token: string;
}

export interface OfferedFeed {
  feed: UpdateFeed;
  /** The channel the server answered for this kiosk's unit. */
  channel: UpdateChannel;
}

export class FeedError extends Error {
  override readonly name = 'FeedError';
}

export function updateUrl(source: FeedSource, name: string): string {
  return new URL(`${updatesPath}/${encodeURIComponent(name)}`, source.serverUrl).toString();
}

/** What the server offers this kiosk now; null when it offers nothing (none published, or a bad version). */
export async function fetchOfferedFeed(source: FeedSource, signal?: AbortSignal): Promise<OfferedFeed | null> {
  const response = await fetch(updateUrl(source, feedFileOf.stable), {
    headers: { authorization: `Bearer ${source.token}` },
    signal: signal ?? null,
  });
  const text = await response.text();
  if (response.status === 404 && httpErrorSchema.safeParse(safeJson(text)).data?.error.code === 'no_update') {
    return null;
  }
  if (!response.ok) throw new FeedError(`update feed answered ${response.status}`);
  const feed = updateFeedSchema.safeParse(safeYaml(text));
  if (!feed.success) throw new FeedError(`update feed is malformed: ${describeIssues(feed.error)}`);
  const channel = updateChannelSchema.safeParse(response.headers.get('x-update-channel'));
  return { feed: feed.data, channel: channel.data ?? 'stable' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeYaml(text: string): unknown {
  try {
    return load(text);
  } catch {
    return undefined;
  }
}
