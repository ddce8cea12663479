/**
 * Prints a fresh ID token for a local user (a demo user, or one added with `npm run agents`), signed with
 * the same `.local/` key `npm start` checks:
 *   TOKEN=$(npm run -s token -- agent1@demo.test [--hours N] [--key-dir DIR])
 */
import { parseArgs } from 'node:util';
import { defaultDevKeyDir, loadOrCreateDevKey, signDevToken } from '../lib/local/dev-auth';
import { findLocalUser, readLocalUsers } from '../lib/local/local-agent-directory';

const usage = 'Usage: npm run token -- <email> [--hours N] [--key-dir DIR]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { hours: { type: 'string' }, 'key-dir': { type: 'string' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}. ${usage}`);
  }
}

const { values, positionals } = readArguments();
const email = positionals[0];
const keyDir = values['key-dir'] ?? defaultDevKeyDir;
const user = email === undefined ? undefined : findLocalUser(email, keyDir);
if (!user) {
  const known = readLocalUsers(keyDir)
    .map((localUser) => localUser.email)
    .join(', ');
  fail(
    `${email === undefined ? 'No user given' : `Unknown local user "${email}"`}: use one of ${known}, or add one with npm run agents -- add.`,
  );
}
// As the pool: a disabled account cannot sign in.
if (!user.enabled) fail(`${user.email} is disabled: npm run agents -- enable ${user.email}`);

const hours = values.hours === undefined ? 12 : Number(values.hours);
if (!Number.isFinite(hours) || hours <= 0)
  fail(`--hours must be a positive number, got "${values.hours}". ${usage}`);

const key = loadOrCreateDevKey(keyDir);
process.stdout.write(`${signDevToken(key, user, { expiresInSeconds: Math.round(hours * 3600) })}\n`);
