// The store's one error shape. What the repository promises as an outcome (not found, a lease
// held by another run) comes back as a value; these are the cases a caller cannot go on from.

export type StoreErrorCode =
  /** Another live process holds the embedded database's data directory. */
  | "locked"
  /** A row with this id exists already, perhaps another owner's. */
  | "conflict"
  /** A page cursor that this store did not hand out. */
  | "invalid_cursor";

/**
 * Whether `error` is a StoreError with this code. By name, not by class: the production server
 * (server.ts) opens the store with its own bundle's copy of this module, and the routes, bundled
 * by Next, see errors of that copy.
 */
export function isStoreError(error: unknown, code: StoreErrorCode): error is StoreError {
  return error instanceof Error && error.name === "StoreError" && "code" in error && error.code === code;
}

export class StoreError extends Error {
  override readonly name = "StoreError";

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
