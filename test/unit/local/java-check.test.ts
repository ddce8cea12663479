import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJava, JavaMissingError, parseJavaMajorVersion } from '../../../lib/local/java-check';

const scratch = mkdtempSync(join(tmpdir(), 'java-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in `java` that prints the given `-version` banner on stderr, as the real one does. */
const fakeJava = (banner: string, exitCode = 0): string => {
  const path = join(scratch, `java-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, `#!/bin/sh\necho '${banner}' >&2\nexit ${exitCode}\n`);
  chmodSync(path, 0o755);
  return path;
};

const oneLineMessage =
  'DynamoDB Local needs a Java 17+ JDK: install one (e.g. `apt-get install openjdk-17-jdk-headless`) and run again.';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('reads %s as Java %i', (banner, major) => {
    expect(parseJavaMajorVersion(banner)).toBe(major);
  });

  it('returns undefined when the output names no version', () => {
    expect(parseJavaMajorVersion('Unable to locate a Java Runtime.')).toBeUndefined();
  });
});

describe('checkJava', () => {
  it('resolves with the major version when Java 17 or newer runs', async () => {
    await expect(checkJava(fakeJava('openjdk version "21.0.2" 2024-01-16'))).resolves.toBe(21);
  });

  it('rejects with the one-line install hint when java is not on the machine', async () => {
    const failure = checkJava(join(scratch, 'no-such-java'));

    await expect(failure).rejects.toBeInstanceOf(JavaMissingError);
    await expect(failure).rejects.toThrow(oneLineMessage);
  });

  it('rejects when Java is older than 17 and reports what it found', async () => {
    const failure = checkJava(fakeJava('java version "1.8.0_292"'));

    await expect(failure).rejects.toMatchObject({
      message: oneLineMessage,
      detectedVersion: 'java version "1.8.0_292"',
    });
  });

  it('rejects when the java command exits with an error', async () => {
    await expect(
      checkJava(fakeJava('No Java runtime present, requesting install.', 1)),
    ).rejects.toBeInstanceOf(JavaMissingError);
  });
});
