// One answer's sources, numbered in the order they were first seen across all its searches and
// page reads, so that [3] means the same page in every tool result and in the answer's text.

function key(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url;
  }
}

export class SourceList {
  private readonly numbers = new Map<string, number>();

  /** The number `url` has, if it has one. */
  find(url: string): number | undefined {
    return this.numbers.get(key(url));
  }

  /** The number `url` already has, or the next one. */
  number(url: string): number {
    const found = this.numbers.get(key(url));
    if (found !== undefined) return found;
    const next = this.numbers.size + 1;
    this.numbers.set(key(url), next);
    return next;
  }

  get size(): number {
    return this.numbers.size;
  }
}
