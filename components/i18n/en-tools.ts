// The interface text of tool settings and the composer's tools menu in English (issue 22), spread into en.ts.

export const enTools = {
  toolsTitle: "Tools",
  toolsIntro:
    "The MCP servers this app uses and what their tools may do. A tool switched off is not offered to the model; “Ask first” needs your approval before it runs.",
  toolsLoadFailed: "Could not load the tools.",
  toolsSaveFailed: "Could not save the change.",
  tryAgain: "Try again",
  toolsLayerOwn: "For me",
  toolsLayerDeployment: "For everyone",
  toolsLayerHint:
    "As an admin you also set what every account's tools may do; each person can then only tighten it.",
  toolsNoServers: "No MCP servers are configured.",
  serverStatus: (status: string) =>
    ({
      connected: "Connected",
      failed: "Failed",
      idle: "Not started",
      connecting: "Connecting",
      invalid: "Invalid entry",
    })[status] ?? status,
  toolCount: (count: number) => `${count} ${count === 1 ? "tool" : "tools"}`,
  /** Before a failed server's reason. */
  failureReason: "Why: ",
  useServer: (name: string) => `Use ${name}`,
  useTool: (name: string) => `Use ${name}`,
  offByAdmin: "Switched off by an admin",
  toolPolicy: (name: string) => `When the model calls ${name}`,
  policyDefault: (policy: string) => `Default (${policy === "ask" ? "ask first" : "run"})`,
  policyAuto: "Run",
  policyAsk: "Ask first",
  policyAlwaysAllow: "Always allow",
  policyNever: "Never (set in mcp.json)",
  pinnedByAdmin: "An admin set this",
  inputSchema: "Input schema",
  noToolsListed: "No tools listed.",
  toolsMenu: "Tools",
  toolsMenuHint: "Switch servers or tools off for this conversation",
  toolsMenuOff: (count: number) => `${count} off`,
  toolsMenuEmpty: "No tools are available.",
  manageTools: "Tool settings…",
};
