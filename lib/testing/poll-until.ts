// Waiting for something another process does, without fixed sleeps.

/**
 * Calls `read` every 20 ms until `done` holds for its value or `deadline` (a Date.now() value)
 * passes; returns the last value either way, for the test to assert on.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, deadline: number) {
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
