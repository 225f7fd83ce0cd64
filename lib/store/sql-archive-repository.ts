import "server-only";
import type { ArchiveRepository } from "./archive-repository";
import { exportConversations } from "./export-conversations";
import { restoreConversations } from "./restore-conversations";
import type { StoreDatabase } from "./rows";

// The archive on Drizzle's query builder, the same code for PGlite and node-postgres.

export class SqlArchiveRepository implements ArchiveRepository {
  constructor(private readonly db: StoreDatabase) {}

  exportConversations: ArchiveRepository["exportConversations"] = (ownerId, options) =>
    exportConversations(this.db, ownerId, options);

  restoreConversations: ArchiveRepository["restoreConversations"] = (ownerId, list) =>
    restoreConversations(this.db, ownerId, list);
}
