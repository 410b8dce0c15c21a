/**
 * Mints an API key: `npx tsx libs/auth/src/cli.ts mint --id team-a --scopes events:write [--rate 500]`.
 * Prints the token (hand it to the caller once) and the entry to add to API_KEYS / API_KEYS_FILE.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { mintApiKey } from './mint-api-key.js';
import { SCOPES } from './scopes.js';

const usage = 'usage: mint --id <id> --scopes <scope,scope> [--rate <requests per second>]';

function main(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { id: { type: 'string' }, scopes: { type: 'string' }, rate: { type: 'string' } },
  });
  if (positionals[0] !== 'mint' || !values.id || !values.scopes) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    const { token, entry } = mintApiKey({
      id: values.id,
      scopes: z.array(z.enum(SCOPES)).parse(values.scopes.split(',')),
      ratePerSecond: values.rate === undefined ? undefined : Number(values.rate),
    });
    process.stdout.write(`token: ${token}\nentry: ${JSON.stringify(entry)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
    process.stderr.write(`${message}\n${usage}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
