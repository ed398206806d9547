import { describeIssues } from '../../shared/describe-issues';
import {
  enrolPath,
  enrolRequestSchema,
  enrolResponseSchema,
  httpErrorSchema,
  type EnrolResponse,
} from '../../shared/protocol/http';

export class EnrolmentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}

/** Trades an enrolment code for the kiosk's identity and token; the code itself is never logged. */
export async function enrol(serverUrl: string, code: string, timeoutMs = 10_000): Promise<EnrolResponse> {
  let response: Response;
  try {
    response = await fetch(new URL(enrolPath, serverUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(enrolRequestSchema.parse({ code })),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new EnrolmentError('unreachable', `enrolment server unreachable: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = httpErrorSchema.safeParse(body);
    throw refusal.success
      ? new EnrolmentError(refusal.data.error.code, refusal.data.error.message)
      : new EnrolmentError('invalid_response', `enrolment failed with HTTP ${response.status}`);
  }
  const enrolled = enrolResponseSchema.safeParse(body);
  if (!enrolled.success) {
    throw new EnrolmentError('invalid_response', `malformed enrolment answer: ${describeIssues(enrolled.error)}`);
  }
  return enrolled.data;
}
