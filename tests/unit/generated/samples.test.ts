import { describe, expect, it } from 'vitest';
import { consoleProtocol } from '../../../src/shared/protocol/console';
import { controlProtocol } from '../../../src/shared/protocol/control';
import { consoleResultSamples, consoleSamples, controlResultSamples, controlSamples } from '../../support/arbitraries';

// The generated suites start from these samples: a request added to the protocol without one would
// be fuzzed from nothing and fail far from the cause.
describe('the generators start from valid samples', () => {
  it.each(Object.entries(controlProtocol.requests))('%s has a valid request and answer', (name, spec) => {
    expect(spec.request.safeParse(controlSamples[name]).success).toBe(true);
    expect(spec.response.safeParse(controlResultSamples[name]).success).toBe(true);
  });
  it.each(Object.entries(consoleProtocol.requests))('console %s has a valid request and answer', (name, spec) => {
    expect(spec.request.safeParse(consoleSamples[name]).success).toBe(true);
    expect(spec.response.safeParse(consoleResultSamples[name]).success).toBe(true);
  });
});
