/** Counts per key; a key leaves the map at zero, so the map only ever holds keys that count now. */
export class KeyCounts {
  readonly #counts = new Map<string, number>();

  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  add(key: string, delta: number): void {
    const next = this.get(key) + delta;
    if (next > 0) this.#counts.set(key, next);
    else this.#counts.delete(key);
  }

  clear(): void {
    this.#counts.clear();
  }
}
