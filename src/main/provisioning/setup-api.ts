import type { z } from 'zod';
import { describeIssues } from '../../shared/describe-issues';
import { httpErrorSchema, type HttpError } from '../../shared/protocol/http';
import {
  setupEnrolPath,
  setupEnrolResponseSchema,
  setupHousingUnitsPath,
  setupCodeSignInPath,
  setupHousingUnitsResponseSchema,
  setupSessionSchema,
  setupSignInPath,
  type HousingUnit,
  type SetupEnrolResponse,
  type SetupSession,
} from '../../shared/protocol/setup';

/** Each answer a setup request can get short of success, as the setup screen names it. */
export type SetupApiFailure =
  | { reason: 'unreachable' }
  /** Not the answer the protocol promises; `detail` is for the kiosk's log. */
  | { reason: 'invalid_response'; detail: string }
  /** An enrolment code unknown, expired or used up. */
  | { reason: 'code_refused' }
  | { reason: HttpError['error']['code']; retryAfterSeconds: number | null };

export type SetupApiResult<T> = { ok: true; value: T } | ({ ok: false } & SetupApiFailure);

/** One bounded wait for each setup request: a technician is standing at the kiosk. */
export const setupRequestTimeoutMs = 10_000;

/** The server's setup endpoints (`shared/protocol/setup.ts`); the PIN goes to the server and nowhere else. */
export interface SetupApi {
  signIn(staffNumber: string, pin: string): Promise<SetupApiResult<SetupSession>>;
  /** The facility's enrolment code instead of a technician; a refused code is `code_refused`. */
  signInWithCode(code: string): Promise<SetupApiResult<SetupSession>>;
  housingUnits(token: string): Promise<SetupApiResult<HousingUnit[]>>;
  enrol(
    token: string,
    request: { requestId: string; housingUnitId: string; location: string },
  ): Promise<SetupApiResult<SetupEnrolResponse>>;
}

export function createSetupApi(serverUrl: string, timeoutMs = setupRequestTimeoutMs): SetupApi {
  async function call<S extends z.ZodType>(
    path: string,
    schema: S,
    init: { token?: string; body?: unknown },
  ): Promise<SetupApiResult<z.output<S>>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, serverUrl), {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(init.token === undefined ? {} : { Authorization: `Bearer ${init.token}` }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = httpErrorSchema.safeParse(body);
      return refusal.success
        ? {
            ok: false,
            reason: refusal.data.error.code,
            retryAfterSeconds: refusal.data.error.retryAfterSeconds ?? null,
          }
        : { ok: false, reason: 'invalid_response', detail: `HTTP ${response.status}` };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return { ok: false, reason: 'invalid_response', detail: describeIssues(parsed.error) };
    return { ok: true, value: parsed.data };
  }

  return {
    signIn: (staffNumber, pin) => call(setupSignInPath, setupSessionSchema, { body: { staffNumber, pin } }),
    signInWithCode: async (code) => {
      const answer = await call(setupCodeSignInPath, setupSessionSchema, { body: { code } });
      return !answer.ok && answer.reason === 'bad_credentials' ? { ok: false, reason: 'code_refused' } : answer;
    },
    housingUnits: async (token) => {
      const answer = await call(setupHousingUnitsPath, setupHousingUnitsResponseSchema, { token });
      return answer.ok ? { ok: true, value: answer.value.housingUnits } : answer;
    },
    enrol: (token, request) => call(setupEnrolPath, setupEnrolResponseSchema, { token, body: request }),
  };
}
