// One step at a time: the model is pure, so running every state-changing step through one promise
// chain is what keeps a SingleUse token from paying twice and refunds from passing the original
// under concurrent requests (R-TOK-6, R-REF-2).

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it; a failing job does not stop the queue. */
  run<T>(job: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
