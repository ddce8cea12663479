import { randomUUID } from 'node:crypto';

export type TaskResult = { ok: true; output: string } | { ok: false; error: string; cause?: string };

/** Why a token was refused, in Step Functions' words: never issued, or its wait is over. */
export type TokenRefusal = 'InvalidToken' | 'TaskTimedOut';

interface Waiting {
  executionName: string;
  stateName: string;
  settle: (result: TaskResult) => void;
}

/**
 * The callback pattern's task tokens for the local runner. A token is minted when the definition
 * reads `$$.Task.Token`, becomes the one its execution waits on when the wait task starts (any other
 * token of that execution is then over), and is settled once: a second result for it, or a result
 * for an earlier wait, is refused as Step Functions refuses it.
 */
export class TaskTokens {
  private readonly minted = new Map<string, string>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly over = new Set<string>();

  /** A fresh token for an execution (what `$$.Task.Token` reads). */
  mint(executionName: string): string {
    const token = Buffer.from(`${executionName}:${randomUUID()}`).toString('base64url');
    this.minted.set(token, executionName);
    return token;
  }

  /** Starts waiting on `token`; resolves with the result sent for it. */
  wait(token: string, executionName: string, stateName: string): Promise<TaskResult> {
    if (this.minted.get(token) !== executionName) {
      throw new Error(`A wait of ${executionName} started with a token never minted for it`);
    }
    this.minted.delete(token);
    for (const [other, waiting] of this.waiting) {
      if (waiting.executionName === executionName) this.retire(other);
    }
    return new Promise((settle) => this.waiting.set(token, { executionName, stateName, settle }));
  }

  /** Hands a result to the wait holding `token`, or says why it cannot. */
  settle(token: string, result: TaskResult): 'delivered' | TokenRefusal {
    const waiting = this.waiting.get(token);
    if (!waiting) return this.over.has(token) ? 'TaskTimedOut' : 'InvalidToken';
    this.retire(token);
    waiting.settle(result);
    return 'delivered';
  }

  /** The state an execution is waiting in, if any. */
  waitingIn(executionName: string): string | undefined {
    for (const waiting of this.waiting.values()) {
      if (waiting.executionName === executionName) return waiting.stateName;
    }
    return undefined;
  }

  /** Ends every wait of an execution (it ended, timed out, or the runner stops) with `result`. */
  release(executionName: string, result: TaskResult): void {
    for (const [token, waiting] of [...this.waiting]) {
      if (waiting.executionName !== executionName) continue;
      this.retire(token);
      waiting.settle(result);
    }
    for (const [token, name] of [...this.minted]) if (name === executionName) this.minted.delete(token);
  }

  private retire(token: string): void {
    this.waiting.delete(token);
    this.over.add(token);
  }
}
