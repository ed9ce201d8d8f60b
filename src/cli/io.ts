/**
 * Where the cdk8s-expose commands write, and the package version they print. Private to the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Where the command writes; tests pass their own. */
export interface AuditIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A wait of one millisecond, without a busy loop, while a full pipe drains. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard output, written through before the next piece: `process.stdout.write` queues what a
 * full pipe cannot take yet, so the report of 100,000 objects piped to another program was held
 * in memory whole. A reader that goes away (`| head`) ends the output quietly.
 */
function writeOut(text: string): void {
  if (stdoutClosed) return;
  const bytes = Buffer.from(text, 'utf-8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(1, bytes, written, bytes.length - written);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      throw e;
    }
  }
}
let stdoutClosed = false;

export const defaultIo: AuditIo = {
  out: writeOut,
  err: text => process.stderr.write(text),
};

export function version(): string {
  // The package.json of this package: two folders up from lib/cli/ (and from src/cli/).
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
  } catch {
    return 'unknown';
  }
}
