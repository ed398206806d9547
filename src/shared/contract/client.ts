import { describeIssues } from '../describe-issues';
import {
  events,
  isEventName,
  isRequestName,
  requests,
  type EventName,
  type EventOf,
  type RequestName,
  type RequestOf,
  type ResponseOf,
} from './contract';
import type { HostKind } from '../protocol/common';
import {
  ContractError,
  eventFrameSchema,
  responseFrameSchema,
  type ContractFailure,
  type RequestFrame,
} from './frames';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ContractFailure };

/** What a host gives the renderer: the contract's requests and events, and nothing more. */
export interface KioskBridge {
  readonly host: HostKind;
  request<N extends RequestName>(channel: N, payload: RequestOf<N>): Promise<Outcome<ResponseOf<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** Moves frames; knows nothing of channels or schemas. */
export interface FrameTransport {
  /** Resolves with the raw response frame; rejects only when the transport itself failed. */
  send(frame: RequestFrame): Promise<unknown>;
  onEvent(listener: (rawFrame: unknown) => void): () => void;
}

export interface ClientLog {
  warn(message: string): void;
}

/**
 * The renderer-side end of the contract. It validates what it sends and what it receives, so a
 * faulty or hostile main process cannot hand the UI a payload its types do not describe.
 */
export function createContractClient(transport: FrameTransport, host: HostKind, log: ClientLog): KioskBridge {
  let nextId = 1;

  async function request<N extends RequestName>(channel: N, payload: RequestOf<N>): Promise<Outcome<ResponseOf<N>>> {
    if (!isRequestName(channel)) {
      return failure('unknown_channel', `no request named "${String(channel)}"`);
    }
    const spec = requests[channel];
    const checkedPayload = spec.request.safeParse(payload);
    if (!checkedPayload.success) {
      return failure('invalid_payload', `${channel}: ${describeIssues(checkedPayload.error)}`);
    }
    let raw: unknown;
    try {
      raw = await transport.send({ type: 'request', id: nextId++, channel, payload: checkedPayload.data });
    } catch (error) {
      if (error instanceof ContractError) return failure(error.code, error.message);
      return failure('transport_closed', error instanceof Error ? error.message : String(error));
    }
    const frame = responseFrameSchema.safeParse(raw);
    if (!frame.success) {
      log.warn(`refused malformed response to ${channel}: ${describeIssues(frame.error)}`);
      return failure('invalid_response', `malformed response to ${channel}`);
    }
    if (!frame.data.ok) return { ok: false, error: frame.data.error };
    const result = spec.response.safeParse(frame.data.result);
    if (!result.success) {
      log.warn(`refused invalid result of ${channel}: ${describeIssues(result.error)}`);
      return failure('invalid_response', `invalid result of ${channel}`);
    }
    return { ok: true, value: result.data as ResponseOf<N> };
  }

  function on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    if (!isEventName(event)) throw new Error(`no event named "${String(event)}"`);
    return transport.onEvent((rawFrame) => {
      const frame = eventFrameSchema.safeParse(rawFrame);
      if (!frame.success) {
        log.warn(`refused malformed event frame: ${describeIssues(frame.error)}`);
        return;
      }
      if (frame.data.event !== event) return;
      const payload = events[event].safeParse(frame.data.payload);
      if (!payload.success) {
        log.warn(`refused invalid ${event} event: ${describeIssues(payload.error)}`);
        return;
      }
      listener(payload.data as EventOf<E>);
    });
  }

  return { host, request, on };
}

function failure(code: ContractFailure['code'], message: string): { ok: false; error: ContractFailure } {
  return { ok: false, error: { code, message } };
}
