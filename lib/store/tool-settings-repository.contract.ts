import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./open-store";
import { DEPLOYMENT_OWNER, type SettingRecorder } from "./tool-settings-repository";

// One suite for every database behind tool settings (pglite-store.test.ts, postgres-store.test.ts):
// each owner's settings are its own, read together with the deployment's in one call; a setting
// that says nothing leaves no row; a conversation's switches are its owner's, and go with it.

let counter = 0;
const newId = (kind: string) => `${kind}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

export function describeToolSettingsRepository(name: string, factory: () => Promise<Store>): void {
  describe(`${name}: the ToolSettingsRepository contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
    });

    it("keeps each owner's layer apart, returns the deployment's with it, and replaces a setting", async () => {
      const [ann, bob] = [newId("ann"), newId("bob")];
      const repo = store.toolSettings;
      expect(await repo.settingsFor(ann)).toEqual({ own: [], deployment: [] });
      await repo.putSetting(ann, { server: "everything", tool: "echo", enabled: true, policy: "ask" });
      await repo.putSetting(ann, { server: "files", enabled: false });
      await repo.putSetting(bob, { server: "everything", tool: "add", enabled: false });
      await repo.putSetting(DEPLOYMENT_OWNER, { server: "everything", tool: "get-env", enabled: false });

      const anns = await repo.settingsFor(ann);
      expect(anns.own).toEqual([
        { server: "everything", tool: "echo", enabled: true, policy: "ask" },
        { server: "files", enabled: false },
      ]);
      expect(anns.deployment).toEqual([{ server: "everything", tool: "get-env", enabled: false }]);
      expect((await repo.settingsFor(bob)).own).toEqual([
        { server: "everything", tool: "add", enabled: false },
      ]);
      // The deployment read as an owner is one layer, not two copies of it.
      expect(await repo.settingsFor(DEPLOYMENT_OWNER)).toEqual({
        own: [{ server: "everything", tool: "get-env", enabled: false }],
        deployment: [],
      });

      await repo.putSetting(ann, { server: "everything", tool: "echo", enabled: false, policy: "auto" });
      expect((await repo.settingsFor(ann)).own[0]).toEqual({
        server: "everything",
        tool: "echo",
        enabled: false,
        policy: "auto",
      });
    });

    it("removes a setting that says nothing, and keeps a server's setting apart from its tools'", async () => {
      const ann = newId("ann");
      const repo = store.toolSettings;
      await repo.putSetting(ann, { server: "everything", enabled: false });
      await repo.putSetting(ann, { server: "everything", tool: "echo", enabled: false });
      await repo.putSetting(ann, { server: "everything", enabled: true });
      expect((await repo.settingsFor(ann)).own).toEqual([
        { server: "everything", tool: "echo", enabled: false },
      ]);
      await repo.putSetting(ann, { server: "everything", tool: "echo", enabled: true });
      expect((await repo.settingsFor(ann)).own).toEqual([]);
    });

    it("hands an admin's audit line the setting before and after, and undoes the change if it fails", async () => {
      const ann = newId("ann");
      const repo = store.toolSettings;
      const seen: unknown[] = [];
      const record: SettingRecorder = async (_tx, before, after) => {
        seen.push([before, after]);
      };
      const off = { server: "everything", tool: "echo", enabled: false };
      const ask = { server: "everything", tool: "echo", enabled: true, policy: "ask" as const };
      await repo.putSetting(ann, off, record);
      await repo.putSetting(ann, ask, record);
      expect(seen).toEqual([
        [undefined, off],
        [off, ask],
      ]);
      const failing: SettingRecorder = async () => {
        throw new Error("no audit line");
      };
      await expect(repo.putSetting(ann, off, failing)).rejects.toThrow("no audit line");
      expect((await repo.settingsFor(ann)).own).toEqual([ask]);
    });

    it("refuses a policy on a whole server", async () => {
      await expect(
        store.toolSettings.putSetting(newId("ann"), { server: "everything", enabled: true, policy: "ask" }),
      ).rejects.toThrow();
    });

    it("remembers a conversation's switches for its owner only, and forgets them with the conversation", async () => {
      const [ann, bob] = [newId("ann"), newId("bob")];
      const id = newId("c");
      const repo = store.toolSettings;
      const off = [{ server: "everything", tool: "echo" }, { server: "files" }];
      expect(await repo.putConversationToolsOff(ann, id, off)).toBe(false);
      await store.conversations.createConversation(ann, { id, title: "Tools" });
      expect(await repo.conversationToolsOff(ann, id)).toEqual([]);
      expect(await repo.putConversationToolsOff(bob, id, off)).toBe(false);
      expect(await repo.putConversationToolsOff(ann, id, off)).toBe(true);
      expect(await repo.conversationToolsOff(ann, id)).toEqual(off);
      expect(await repo.conversationToolsOff(bob, id)).toEqual([]);
      expect(await repo.putConversationToolsOff(ann, id, [])).toBe(true);
      expect(await repo.conversationToolsOff(ann, id)).toEqual([]);

      await repo.putConversationToolsOff(ann, id, off);
      await store.conversations.deleteConversation(ann, id);
      expect(await repo.conversationToolsOff(ann, id)).toEqual([]);
      expect(await repo.putConversationToolsOff(ann, id, off)).toBe(false);
    });
  });
}
