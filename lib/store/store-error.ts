// The store's one error shape. What the repository promises as an outcome (not found, a lease
// held by another run) comes back as a value; these are the cases a caller cannot go on from.

export type StoreErrorCode =
  /** Another live process holds the embedded database's data directory. */
  | "locked"
  /** A row with this id exists already, perhaps another owner's. */
  | "conflict"
  /** A page cursor that this store did not hand out. */
  | "invalid_cursor";

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
