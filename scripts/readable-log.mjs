// `npm start`'s console is for people; the JSON log lines stay whole in a file for tools.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { prettyFactory } from 'pino-pretty';

/**
 * A sink for a child's output, chunk by chunk. Each line that is a pino record is appended to
 * `logFile` as it came and shown formatted ("[06:16:37] INFO: server: mediasoup workers started");
 * any other line (a banner) is shown as it is.
 */
export function readableLog({
  logFile,
  name,
  write = (text) => process.stdout.write(text),
  colorize = process.stdout.isTTY === true,
}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const file = createWriteStream(logFile, { flags: 'a' });
  file.on('error', (error) => write(`could not write ${logFile}: ${error.message}\n`));
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    messageFormat: `${name}: {msg}`,
    singleLine: true,
  });
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (isRecord(line)) {
        file.write(`${line}\n`);
        write(pretty(line));
      } else {
        write(`${line}\n`);
      }
    }
  };
}

function isRecord(line) {
  try {
    const value = JSON.parse(line);
    return typeof value === 'object' && value !== null && typeof value.level === 'number' && 'msg' in value;
  } catch {
    return false;
  }
}
