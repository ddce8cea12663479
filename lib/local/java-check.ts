import { execFile } from 'node:child_process';

export const minimumJavaMajorVersion = 17;

/** Java is absent or too old for DynamoDB Local; its message is the one line callers print. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';

  constructor(readonly detectedVersion?: string) {
    super(
      `DynamoDB Local needs a Java ${minimumJavaMajorVersion}+ JDK: install one ` +
        '(e.g. `apt-get install openjdk-17-jdk-headless`) and run again.',
    );
  }
}

/** Reads the major version from `java -version` output; Java 8 and older report as "1.x". */
export const parseJavaMajorVersion = (versionOutput: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
};

/**
 * Resolves with the Java major version when `command -version` runs and is recent enough;
 * otherwise rejects with {@link JavaMissingError}.
 */
export const checkJava = (command = 'java'): Promise<number> =>
  new Promise((resolve, reject) => {
    execFile(command, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      // A missing binary, a stub that exits non-zero (macOS without a JDK) or a hang all mean "no usable Java".
      if (error) return reject(new JavaMissingError());
      const output = `${stderr}\n${stdout}`;
      const major = parseJavaMajorVersion(output);
      if (major === undefined || major < minimumJavaMajorVersion) {
        return reject(new JavaMissingError(output.split('\n').find((line) => line.includes('version'))));
      }
      resolve(major);
    });
  });
