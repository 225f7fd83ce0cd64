/** What the upstream saw and did, per request, so tests can assert on the provider's side of the wire. */
export type RecordedRequest = {
  seq: number;
  method: string;
  path: string;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  body: unknown;
  authorized: boolean;
  /** The marker's scenario name ("text" without a marker), or "" when the request was refused first. */
  scenario: string;
  /** 0 until an answer is chosen. */
  status: number;
  receivedAt: number;
  /** The response was sent in full. */
  completedAt?: number;
  /** The client closed the connection before the response was complete. */
  closedAt?: number;
  /** Tool-loop round (assistant messages after the last user message). */
  round?: number;
  thinking?: boolean;
  stream?: boolean;
  /** The error message of a non-200 answer. */
  error?: string;
};

export type Recorder = {
  requests: RecordedRequest[];
  record(method: string, path: string, body: unknown, authorized: boolean): RecordedRequest;
  /** Call after changing a recorded request, so waiters see it. */
  changed(): void;
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  clear(): void;
};

export function createRecorder(): Recorder {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let seq = 0;

  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };

  return {
    requests,
    changed,
    record(method, path, body, authorized) {
      const entry: RecordedRequest = {
        seq: ++seq,
        method,
        path,
        body,
        authorized,
        scenario: "",
        status: 0,
        receivedAt: Date.now(),
      };
      requests.push(entry);
      changed();
      return entry;
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = requests.map((r) => `#${r.seq} ${r.path} ${r.scenario || "-"} ${r.status}`).join("; ");
          reject(new Error(`waitFor: no matching request within ${timeoutMs} ms (seen: ${seen || "none"})`));
        }, timeoutMs);
        const check = () => {
          const found = requests.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      // Emptied in place: callers may hold the array (`upstream.requests`).
      requests.length = 0;
      seq = 0;
    },
  };
}
