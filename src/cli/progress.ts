// A one-line progress display on stderr, shown only on a terminal (never in pipes or CI logs).

export class Progress {
  private readonly enabled: boolean;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(private readonly label: string) {
    this.enabled = Boolean(process.stderr.isTTY);
  }

  update(done: number, failed: number, bytes: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = (done / seconds).toFixed(1);
    const spinner = '|/-\\'[Math.floor(now / 150) % 4];
    const width = 24;
    const filled = Math.floor(((done % 200) / 200) * width); // unknown total: a moving bar
    const bar = '#'.repeat(filled).padEnd(width, '.');
    process.stderr.write(
      `\r${spinner} ${this.label} [${bar}] ${done} docs, ${failed} failed, ${(bytes / 1e6).toFixed(1)} MB, ${rate} docs/s `,
    );
  }

  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }
}
