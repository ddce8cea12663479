import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, JavaMissingError, startDynamoDbLocal } from '../../lib/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the in-memory DynamoDB Local shared by the whole run. */
    dynamoEndpoint: string;
  }
}

/** Starts one in-memory DynamoDB Local for the run; each test file makes its own table in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let dynamoDb: DynamoDbLocal;
  try {
    dynamoDb = await startDynamoDbLocal();
  } catch (error) {
    if (!(error instanceof JavaMissingError)) throw error;
    console.error(error.message);
    // Vitest prints whatever is thrown; keep it to one line rather than a stack trace.
    const short = new Error('Java 17+ is missing');
    short.stack = short.message;
    throw short;
  }
  project.provide('dynamoEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.stop();
}
