/**
 * The `cdk8s-expose` command: `audit` (src/cli/audit.ts) and `diff` (src/cli/diff.ts).
 */
import { USAGE as AUDIT_USAGE, auditMain } from './audit';
import { DIFF_USAGE, diffMain } from './diff';
import { AuditIo, defaultIo, version } from './io';

export type { AuditIo } from './io';

const USAGE = `usage: cdk8s-expose <command> [options]

Commands:
  audit   what Kubernetes YAML exposes, and the rules that fail (cdk8s-expose audit --help)
  diff    what became more or less exposed between two sets of YAML (cdk8s-expose diff --help)
  --help, --version

${AUDIT_USAGE}

${DIFF_USAGE}`;

/** Runs the command; returns the exit code. */
export function main(argv: string[], io: AuditIo = defaultIo): number {
  if (argv[0] === '--version') {
    io.out(`${version()}\n`);
    return 0;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv.length === 0) {
    (argv.length === 0 ? io.err : io.out)(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'diff') return diffMain(argv.slice(1), io);
  if (argv[0] === 'audit') return auditMain(argv.slice(1), io);
  io.err(`cdk8s-expose: unknown command ${JSON.stringify(argv[0])} (the commands are audit and diff)\n${USAGE}\n`);
  return 2;
}
