/**
 * Prints a fresh ID token for a demo user, signed with the same `.local/` key `npm start` checks:
 *   TOKEN=$(npm run -s token -- agent1@demo.test [--hours N] [--key-dir DIR])
 */
import { parseArgs } from 'node:util';
import { demoUsers, findDemoUser } from '../lib/local/demo-users';
import { defaultDevKeyDir, loadOrCreateDevKey, signDevToken } from '../lib/local/dev-auth';

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
const user = email === undefined ? undefined : findDemoUser(email);
if (!user) {
  const known = demoUsers.map((demoUser) => demoUser.email).join(', ');
  fail(
    `${email === undefined ? 'No demo user given' : `Unknown demo user "${email}"`}: use one of ${known}.`,
  );
}

const hours = values.hours === undefined ? 12 : Number(values.hours);
if (!Number.isFinite(hours) || hours <= 0)
  fail(`--hours must be a positive number, got "${values.hours}". ${usage}`);

const key = loadOrCreateDevKey(values['key-dir'] ?? defaultDevKeyDir);
process.stdout.write(`${signDevToken(key, user, { expiresInSeconds: Math.round(hours * 3600) })}\n`);
