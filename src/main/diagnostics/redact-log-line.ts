import { personalLogFields, sensitiveLogFields } from '../../shared/log/redaction';
import { diagnosticsLogLineChars } from '../../shared/protocol/diagnostics';

const masked = new Map<string, string>([
  ...sensitiveLogFields.map((field) => [field.toLowerCase(), '[redacted]'] as const),
  ...personalLogFields.map((field) => [field.toLowerCase(), '[personal]'] as const),
]);

/**
 * One log line made fit to leave the kiosk. The logger masks credentials at the depths its own
 * objects use; a line that leaves goes through again at every depth, loses the fields that name a
 * person, and loses any URL's query and fragment (where a visitor code or ticket could ride).
 * A line that is not one of the logger's JSON objects is not passed on at all: nothing checked it.
 */
export function redactLogLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return '[not a log record]';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '[not a log record]';
  const text = JSON.stringify(redactValue(parsed));
  return text.length <= diagnosticsLogLineChars ? text : `${text.slice(0, diagnosticsLogLineChars - 1)}…`;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return withoutUrlQueries(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, masked.get(key.toLowerCase()) ?? redactValue(inner)]),
  );
}

function withoutUrlQueries(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"]*)[?#][^\s"]*/gi, '$1?[redacted]');
}
