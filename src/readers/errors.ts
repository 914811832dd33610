// The one error type readers report. Readers never throw for bad input: they hand back an
// InputError as an item so that one broken file (or one broken JSONL line) does not stop a
// run over thousands of articles.

export class InputError extends Error {
  constructor(
    public file: string,
    public problem: string,
    public line?: number,
  ) {
    super(`${file}${line ? ':' + line : ''}: ${problem}`);
    this.name = 'InputError';
  }
}
