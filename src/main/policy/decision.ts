/** Every lockdown question gets an answer with a reason, so refusals can be logged and audited. */
export type Decision = { allow: true } | { allow: false; reason: string };

export const allow: Decision = { allow: true };

export function deny(reason: string): Decision {
  return { allow: false, reason };
}
