import { describeIssues } from '../../shared/describe-issues';
import {
  isRequestName,
  requests,
  type RequestName,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract/contract';
import {
  ContractError,
  requestFrameSchema,
  type ContractErrorCode,
  type ResponseFrame,
} from '../../shared/contract/frames';
import type { Logger } from '../log/logger';

export type RequestHandlers = {
  [N in RequestName]: (payload: RequestOf<N>) => ResponseOf<N> | Promise<ResponseOf<N>>;
};

export type Dispatch = (rawFrame: unknown) => Promise<ResponseFrame>;

/**
 * Main's end of the contract, shared by both hosts. A frame reaches a handler only when its channel
 * is in the contract and its payload passes the channel's schema; every refusal is logged by reason.
 */
export function createDispatcher(handlers: RequestHandlers, log: Logger): Dispatch {
  return async (rawFrame) => {
    const frame = requestFrameSchema.safeParse(rawFrame);
    if (!frame.success) {
      return refuse(idOf(rawFrame), 'invalid_frame', `malformed request frame: ${describeIssues(frame.error)}`);
    }
    const { id, channel, payload } = frame.data;
    if (!isRequestName(channel)) {
      return refuse(id, 'unknown_channel', `no request named "${channel.slice(0, 100)}"`);
    }
    const spec = requests[channel];
    const checked = spec.request.safeParse(payload);
    if (!checked.success) {
      return refuse(id, 'invalid_payload', `${channel}: ${describeIssues(checked.error)}`);
    }
    let result: unknown;
    try {
      const handler = handlers[channel] as (payload: unknown) => unknown;
      result = await handler(checked.data);
    } catch (error) {
      if (error instanceof ContractError) return refuse(id, error.code, error.message);
      log.error({ channel, err: error }, 'request handler failed');
      return { type: 'response', id, ok: false, error: { code: 'handler_failed', message: `${channel} failed` } };
    }
    const checkedResult = spec.response.safeParse(result);
    if (!checkedResult.success) {
      log.error(
        { channel, issues: describeIssues(checkedResult.error) },
        'handler returned a result outside the contract',
      );
      return { type: 'response', id, ok: false, error: { code: 'invalid_response', message: `${channel} failed` } };
    }
    return { type: 'response', id, ok: true, result: checkedResult.data };
  };

  function refuse(id: number | null, code: ContractErrorCode, message: string): ResponseFrame {
    log.warn({ code, reason: message }, 'refused renderer request');
    return { type: 'response', id, ok: false, error: { code, message } };
  }
}

function idOf(rawFrame: unknown): number | null {
  if (typeof rawFrame !== 'object' || rawFrame === null) return null;
  const id = (rawFrame as { id?: unknown }).id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : null;
}
