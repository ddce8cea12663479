import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// biome-ignore lint/suspicious/noExplicitAny: any command class of the document client
type CommandClass = abstract new (...args: any[]) => { input: unknown };

/**
 * A document client on DynamoDB Local that records every command it sends and can run something just
 * before the next command of a kind: a second writer getting in first, or a refusal the table would
 * only give under load (a transaction conflict). What the hook throws is what the command rejects with.
 */
export const interceptedDocuments = (client: DynamoDBClient) => {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const hooks: { kind: CommandClass; run: () => unknown; answers: boolean }[] = [];
  const send = documents.send.bind(documents) as (command: unknown) => Promise<unknown>;
  documents.send = (async (command: { input: Record<string, unknown> }) => {
    sent.push({ command: command.constructor.name, input: command.input });
    const index = hooks.findIndex((hook) => command instanceof hook.kind);
    if (index >= 0) {
      const [hook] = hooks.splice(index, 1);
      const answer = await hook?.run();
      if (hook?.answers) return answer;
    }
    return send(command);
  }) as typeof documents.send;
  return {
    documents,
    sent,
    /** Runs `run` once, just before the next command of this kind. */
    before(kind: CommandClass, run: () => unknown) {
      hooks.push({ kind, run, answers: false });
    },
    /** Answers the next command of this kind with what `answer` returns, without sending it. */
    instead(kind: CommandClass, answer: () => unknown) {
      hooks.push({ kind, run: answer, answers: true });
    },
    /** Inputs of the commands of one kind sent since the last `clear`. */
    inputsOf: (name: string) => sent.filter((entry) => entry.command === name).map((entry) => entry.input),
    clear: () => {
      sent.length = 0;
      hooks.length = 0;
    },
  };
};

/** The refusal DynamoDB gives a transaction, one reason per item in the order they were given. */
export const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
