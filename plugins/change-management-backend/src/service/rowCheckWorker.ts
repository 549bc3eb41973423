import { parentPort, Worker } from 'node:worker_threads';
import { ChangeBatch } from '../database/ChainStore';
import { checkRows, RowCheck } from './rowCheck';

/** A batch to check, as posted to the worker. */
interface RowCheckRequest {
  batch: ChangeBatch;
  headSeq: number;
  replay: boolean;
}

type RowCheckReply = { check: RowCheck } | { error: string } | { ready: true };

/**
 * In the worker: says it is ready, then checks each batch posted, in
 * order, and answers.
 */
function serveRowChecks(): void {
  const port = parentPort!;
  port.postMessage({ ready: true } satisfies RowCheckReply);
  port.on('message', ({ batch, headSeq, replay }: RowCheckRequest) => {
    let reply: RowCheckReply;
    try {
      reply = { check: checkRows(batch, headSeq, replay) };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

/**
 * The worker's code: load this module and serve. From the TypeScript
 * source (the tests, `yarn start`) the module loads through the CLI's
 * transform, as it does in the main thread; the built package is plain
 * JavaScript.
 */
function bootstrap(file: string): string {
  const path = JSON.stringify(file);
  return [
    `const load = require('node:module').createRequire(${path});`,
    file.endsWith('.ts')
      ? `load('@backstage/cli/config/nodeTransform.cjs');`
      : '',
    `load(${path}).RowCheckWorker.serve();`,
  ].join('\n');
}

/**
 * The row check ({@link checkRows}) in a worker thread: the hashing and the
 * replay, the verification's CPU, run beside the thread that reads the next
 * batch. Answers come in the order the batches were posted. One worker per
 * verification; {@link RowCheckWorker.close} ends it.
 */
export class RowCheckWorker {
  private readonly worker = new Worker(bootstrap(__filename), { eval: true });
  private readonly waiting: {
    resolve: (check: RowCheck) => void;
    reject: (error: Error) => void;
  }[] = [];
  private failure?: Error;
  private started = false;

  /**
   * Runs in the worker. A static member: the build keeps it, where it
   * would drop an export that no module imports.
   */
  static serve(): void {
    serveRowChecks();
  }

  constructor() {
    // A verification in flight must not keep a stopping backend alive.
    this.worker.unref();
    this.worker.on('message', (reply: RowCheckReply) => {
      if ('ready' in reply) {
        this.started = true;
        return;
      }
      const next = this.waiting.shift()!;
      if ('error' in reply) {
        next.reject(new Error(`The row check failed: ${reply.error}`));
      } else {
        next.resolve(reply.check);
      }
    });
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', code =>
      this.fail(new Error(`The row check's worker exited (code ${code})`)),
    );
  }

  /**
   * Whether the worker has loaded its code and checks a batch posted now
   * at once. Until then a batch is better checked in the caller's thread:
   * loading takes about as long as checking a few batches.
   */
  get ready(): boolean {
    return this.started && !this.failure;
  }

  /** Posts a batch; its answer follows those of the batches posted before. */
  check(batch: ChangeBatch, headSeq: number, replay: boolean) {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    const answer = new Promise<RowCheck>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      const request: RowCheckRequest = { batch, headSeq, replay };
      this.worker.postMessage(request);
    });
    // Answers are awaited in order, some after the worker failed: their
    // rejection is handled then, not lost.
    answer.catch(() => undefined);
    return answer;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const { reject } of this.waiting.splice(0)) {
      reject(error);
    }
  }
}
