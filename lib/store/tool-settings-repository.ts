import type { ToolSetting, ToolSwitch } from "@/lib/tool-settings/tool-switch";
import type { StoreDatabase } from "./rows";

// Tool settings (PROTOCOL.md section 25), kept per owner: the owner's own layer, and in accounts
// mode the deployment's (owner DEPLOYMENT_OWNER, which admins edit). The repository stores what it
// is told; which settings may loosen what is lib/tool-settings/effective-policy.ts's to say.

/** The deployment layer's owner: no user id, browser key hash or "local" is "*". */
export const DEPLOYMENT_OWNER = "*";

export interface OwnerToolSettings {
  /** The owner's own layer. */
  own: ToolSetting[];
  /** The deployment's layer (accounts mode). */
  deployment: ToolSetting[];
}

/**
 * Writes the audit line of an admin's change (PROTOCOL.md section 18) in the change's transaction:
 * the setting as it was (undefined: none) and as it is now.
 */
export type SettingRecorder = (
  tx: StoreDatabase,
  before: ToolSetting | undefined,
  after: ToolSetting,
) => Promise<unknown>;

export interface ToolSettingsRepository {
  /** Both layers for one owner in one read: what each answer needs. */
  settingsFor(owner: string): Promise<OwnerToolSettings>;
  /** Sets one server's or tool's setting; a setting that says nothing (on, no policy) is removed. */
  putSetting(owner: string, setting: ToolSetting, record?: SettingRecorder): Promise<void>;
  /** The tools switched off for one conversation of the owner; [] when none were ever sent. */
  conversationToolsOff(owner: string, conversationId: string): Promise<ToolSwitch[]>;
  /** Remembers a conversation's switches; false when the owner has no such conversation. */
  putConversationToolsOff(owner: string, conversationId: string, toolsOff: ToolSwitch[]): Promise<boolean>;
}
