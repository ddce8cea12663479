import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileOutbox, OUTBOX_FILE_NAME } from '../../../../lambdas/adapters/whatsapp/file-outbox';
import type { OutboxEntry } from '../../../../lambdas/ports/outbox';

const entry = (n: number): OutboxEntry => ({
  wamid: `wamid.TEST${n}`,
  channel: 'whatsapp',
  to: '+12125550142',
  kind: 'text',
  body: `Message ${n}`,
  at: `2026-11-25T09:30:0${n % 10}.000Z`,
});

describe('createFileOutbox', () => {
  let root: string;
  let directory: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'outbox-'));
    directory = join(root, 'sandbox');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists nothing before the first message, without creating anything', async () => {
    expect(await createFileOutbox(directory).list()).toEqual([]);
  });

  it('keeps messages across a restart, oldest first', async () => {
    const before = createFileOutbox(directory);
    await before.append(entry(1));
    await before.append(entry(2));

    const after = createFileOutbox(directory);
    expect(await after.list()).toEqual([entry(1), entry(2)]);
  });

  it('writes one JSON line per message', async () => {
    await createFileOutbox(directory).append(entry(1));
    const text = await readFile(join(directory, OUTBOX_FILE_NAME), 'utf8');
    expect(text.split('\n')).toEqual([JSON.stringify(entry(1)), '']);
  });

  it('loses none of many messages appended at once', async () => {
    const outbox = createFileOutbox(directory);
    await Promise.all(Array.from({ length: 25 }, (_, n) => outbox.append(entry(n))));
    const listed = await outbox.list();
    expect(listed.map((e) => (e.channel === 'whatsapp' ? e.wamid : e.messageId))).toEqual(
      Array.from({ length: 25 }, (_, n) => `wamid.TEST${n}`),
    );
  });

  it('ignores a half-written last line left by a crash', async () => {
    const outbox = createFileOutbox(directory);
    await outbox.append(entry(1));
    await appendFile(join(directory, OUTBOX_FILE_NAME), '{"wamid":"wamid.TORN","chan');
    expect(await createFileOutbox(directory).list()).toEqual([entry(1)]);
  });

  it('refuses to record an entry that is not an outbox entry', async () => {
    const outbox = createFileOutbox(directory);
    await expect(outbox.append({ ...entry(1), kind: 'fax' } as unknown as OutboxEntry)).rejects.toThrow();
    expect(await outbox.list()).toEqual([]);
  });
});
