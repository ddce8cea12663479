import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CrmService, createCrmService } from '../../lambdas/adapters/dynamodb/service';
import { createTestTable } from './dynamodb';

/** A request the adapters sent to the table: the command's name and its input as the adapter built it. */
export interface SentCommand {
  command: string;
  input: Record<string, unknown>;
}

/**
 * A fresh DynamoDB Local table whose client notes every command it sends, so a test can check the options
 * DynamoDB Local cannot show (it always reads consistently) while still asserting on real stored items.
 */
export const createRecordedTable = async (): Promise<{
  service: CrmService;
  documents: DynamoDBDocumentClient;
  tableName: string;
  sent: SentCommand[];
}> => {
  const { client, tableName } = await createTestTable();
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const sent: SentCommand[] = [];
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordSentCommands' },
  );
  return { service: createCrmService(documents, tableName), documents, tableName, sent };
};

/** The commands of one kind (the low-level name: GetItemCommand, QueryCommand, …) sent since `from`, an index into `sent`. */
export const sentOf = (sent: SentCommand[], command: string, from = 0) =>
  sent.slice(from).filter((entry) => entry.command === command);
