/**
 * Headless entry point of the desktop agent: `npm run agent -- status [--json]`.
 */
import { z } from 'zod';
import { agentStatus, formatStatus } from './status.ts';

const Args = z.tuple([z.enum(['status'])]).rest(z.string());

function main(argv: string[]): number {
  const positional = argv.filter((a) => !a.startsWith('--'));
  const parsed = Args.safeParse(positional.length ? positional : ['status']);
  if (!parsed.success) {
    console.error(`Unknown command: ${positional.join(' ')}\nUsage: daylight-agent status [--json]`);
    return 2;
  }
  const s = agentStatus();
  console.log(argv.includes('--json') ? JSON.stringify(s) : formatStatus(s));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
