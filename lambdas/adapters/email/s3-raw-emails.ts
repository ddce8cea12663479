import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Raw inbound emails as SES receiving stores them: one object per message, named by SES's message id. */
export interface RawEmails {
  read(key: string): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
}

export const createS3RawEmails = (client: S3Client, bucket: string): RawEmails => ({
  async read(key) {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!Body) throw new Error(`The stored email ${key} is empty`);
    return Body.transformToByteArray();
  },
  async remove(key) {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  },
});
