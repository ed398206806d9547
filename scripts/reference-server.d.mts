import type { ChildProcess } from 'node:child_process';

export function startReferenceServer(
  env?: Record<string, string>,
  options?: { echo?: boolean; logFile?: string },
): Promise<{ child: ChildProcess; url: string; enrolmentCode: string }>;
