import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { ToolSetting, ToolSwitch } from "@/lib/tool-settings/tool-switch";
import type { StoreDatabase } from "./rows";
import { conversations, conversationTools, toolSettings } from "./schema";
import {
  DEPLOYMENT_OWNER,
  type OwnerToolSettings,
  type SettingRecorder,
  type ToolSettingsRepository,
} from "./tool-settings-repository";

// Tool settings on Drizzle, the same code for PGlite and node-postgres.

type SettingRow = typeof toolSettings.$inferSelect;

function toSetting(row: SettingRow): ToolSetting {
  return {
    server: row.server,
    ...(row.tool === "" ? {} : { tool: row.tool }),
    enabled: row.enabled,
    ...(row.policy ? { policy: row.policy } : {}),
  };
}

export class SqlToolSettingsRepository implements ToolSettingsRepository {
  constructor(private readonly db: StoreDatabase) {}

  async settingsFor(owner: string): Promise<OwnerToolSettings> {
    const rows = await this.db
      .select()
      .from(toolSettings)
      .where(inArray(toolSettings.ownerId, [owner, DEPLOYMENT_OWNER]))
      .orderBy(toolSettings.ownerId, toolSettings.server, toolSettings.tool);
    const layer = (id: string) => rows.filter((row) => row.ownerId === id).map(toSetting);
    // The deployment's own view is one layer: the owner "*" has no second.
    return { own: layer(owner), deployment: owner === DEPLOYMENT_OWNER ? [] : layer(DEPLOYMENT_OWNER) };
  }

  putSetting(owner: string, setting: ToolSetting, record?: SettingRecorder): Promise<void> {
    return this.db.transaction(async (tx) => {
      const key = { ownerId: owner, server: setting.server, tool: setting.tool ?? "" };
      const row = and(
        eq(toolSettings.ownerId, key.ownerId),
        eq(toolSettings.server, key.server),
        eq(toolSettings.tool, key.tool),
      );
      const [held] = record ? await tx.select().from(toolSettings).where(row).for("update") : [];
      if (setting.enabled && !setting.policy) {
        await tx.delete(toolSettings).where(row);
      } else {
        const values = { enabled: setting.enabled, policy: setting.policy ?? null, updatedAt: sql`now()` };
        await tx
          .insert(toolSettings)
          .values({ ...key, ...values })
          .onConflictDoUpdate({
            target: [toolSettings.ownerId, toolSettings.server, toolSettings.tool],
            set: values,
          });
      }
      await record?.(tx, held && toSetting(held), setting);
    });
  }

  async conversationToolsOff(owner: string, conversationId: string): Promise<ToolSwitch[]> {
    const [row] = await this.db
      .select({ toolsOff: conversationTools.toolsOff })
      .from(conversationTools)
      .innerJoin(
        conversations,
        and(
          eq(conversations.ownerId, conversationTools.ownerId),
          eq(conversations.id, conversationTools.conversationId),
        ),
      )
      .where(
        and(
          eq(conversationTools.ownerId, owner),
          eq(conversationTools.conversationId, conversationId),
          isNull(conversations.deletedAt),
        ),
      );
    return row?.toolsOff ?? [];
  }

  async putConversationToolsOff(
    owner: string,
    conversationId: string,
    toolsOff: ToolSwitch[],
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // A live conversation of this owner only: a tombstone keeps no settings.
      const [live] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            eq(conversations.ownerId, owner),
            eq(conversations.id, conversationId),
            isNull(conversations.deletedAt),
          ),
        );
      if (!live) return false;
      await tx
        .insert(conversationTools)
        .values({ ownerId: owner, conversationId, toolsOff, updatedAt: sql`now()` })
        .onConflictDoUpdate({
          target: [conversationTools.ownerId, conversationTools.conversationId],
          set: { toolsOff, updatedAt: sql`now()` },
        });
      return true;
    });
  }
}
