import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Outbox, type OutboxEntry, outboxEntrySchema } from '../../ports/outbox';

export const OUTBOX_FILE_NAME = 'whatsapp-outbox.jsonl';

const isMissing = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/**
 * An outbox kept as JSON lines in `<directory>/whatsapp-outbox.jsonl`, so the local runtime's sent
 * messages survive a restart. Appends from one process are serialised; each entry is one `write`.
 */
export const createFileOutbox = (directory: string): Outbox => {
  const file = join(directory, OUTBOX_FILE_NAME);
  let ready: Promise<unknown> | undefined;
  let tail: Promise<void> = Promise.resolve();

  return {
    append(entry) {
      const write = tail.then(async () => {
        const line = `${JSON.stringify(outboxEntrySchema.parse(entry))}\n`;
        ready ??= mkdir(directory, { recursive: true });
        await ready;
        await appendFile(file, line, 'utf8');
      });
      // The chain keeps going after a failed write; the caller of that write still sees its error.
      tail = write.catch(() => undefined);
      return write;
    },

    async list() {
      await tail;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      // Only newline-terminated lines are complete: a crash mid-append leaves a fragment at the end.
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      return complete
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line): OutboxEntry => outboxEntrySchema.parse(JSON.parse(line)));
    },
  };
};
