// The interface text in both languages. English is the reference shape; Chinese must match it
// key for key (the type checker enforces it). Functions take the numbers they format.

const locales = ["zh", "en"] as const;
export type Locale = (typeof locales)[number];

const en = {
  appName: "DeepSeek Chat",
  newChat: "New chat",
  conversations: "Conversations",
  noConversations: "No conversations yet",
  openSidebar: "Open conversations",
  closeSidebar: "Close conversations",
  rename: "Rename",
  renameLabel: "Conversation title",
  delete: "Delete",
  confirmDelete: "Delete?",
  cancel: "Cancel",
  save: "Save",
  settings: "Settings",
  theme: "Theme",
  themeSystem: "System",
  themeLight: "Light",
  themeDark: "Dark",
  language: "Language",
  composerLabel: "Message",
  composerPlaceholder: "Message DeepSeek",
  composerHint: "Enter to send · Shift + Enter for a new line",
  disclaimer: "AI-generated content may be inaccurate.",
  send: "Send",
  stop: "Stop",
  reasoning: "Reasoning",
  model: "Model",
  thinking: "Thinking…",
  thinkingFor: (s: number) => `Thinking… ${s} s`,
  thoughtFor: (s: number) => `Thought for ${s} s`,
  thoughtStopped: "Reasoning stopped",
  tool: "Tool",
  toolRunning: (s: string) => `Running… ${s}`,
  toolDone: (s: string) => `Done in ${s}`,
  toolFailed: "Failed",
  toolsUsed: (n: number) => `Used ${n} tools`,
  arguments: "Arguments",
  result: "Result",
  error: "Error",
  showMore: "Show more",
  showLess: "Show less",
  copy: "Copy",
  copied: "Copied",
  copyCode: "Copy code",
  regenerate: "Regenerate",
  edit: "Edit",
  saveAndSend: "Save & send",
  retry: "Retry",
  signIn: "Sign in",
  interrupted: "Interrupted",
  interruptedHint: "The page was closed or the connection dropped before the answer finished.",
  reconnecting: "Connection lost — reconnecting…",
  stopped: "Stopped",
  errorTitle: "The answer could not be completed",
  plainTextFailed: "Shown as plain text: this could not be displayed formatted.",
  plainTextTooDeep: "Shown as plain text: nested too deeply to format.",
  errorCodes: {} as Record<string, string>,
  statsTokens: "tokens",
  statsPrompt: "prompt",
  statsCompletion: "completion",
  statsTotal: "total",
  statsReasoning: "reasoning",
  statsCached: "cached",
  statsFirstByte: "first byte",
  statsTime: "time",
  statsSpeed: "tok/s",
  statsTools: (n: number) => (n === 1 ? "1 tool call" : `${n} tool calls`),
  setupTitle: "Set your API key to start chatting",
  setupIntro: "The server has no DeepSeek API key yet.",
  setupStep1: "Create a key on platform.deepseek.com.",
  setupStep2: "Put it in .env.local next to package.json (or in your host's environment variables):",
  setupStep3: "Restart the app (npm start, or redeploy), then reload this page.",
  setupShort:
    "The server has no API key: set DEEPSEEK_API_KEY in .env.local (or the host's environment) and restart the app to keep chatting.",
  emptyTitle: "How can I help you today?",
  suggestions: [
    "Look up the stock 600519 (Kweichow Moutai)",
    "What time is it in Tokyo right now?",
    "Explain the Pythagorean theorem with a formula",
    "Write a TypeScript debounce function",
  ],
  jumpToLatest: "Jump to latest",
  answerReady: "Answer ready:",
  you: "You",
  assistant: "DeepSeek",
  loading: "Loading…",
  conversationLabel: "Conversation",
  previousVersion: "Previous version",
  nextVersion: "Next version",
  versionOf: (n: number, count: number) => `Version ${n} of ${count}`,
  historyInBrowser:
    "History stays in this browser. Connect a database (DATABASE_URL, see the README) to keep it on the server and see it on every device.",
  historyErrorTitle: "Conversations could not be loaded",
  moreConversations: "Show older conversations",
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : T extends (...args: infer A) => string
      ? (...args: A) => string
      : T;
export type Dictionary = { [K in keyof typeof en]: Widen<(typeof en)[K]> };

const zh: Dictionary = {
  appName: "DeepSeek Chat",
  newChat: "新对话",
  conversations: "对话",
  noConversations: "还没有对话",
  openSidebar: "打开对话列表",
  closeSidebar: "关闭对话列表",
  rename: "重命名",
  renameLabel: "对话标题",
  delete: "删除",
  confirmDelete: "确定删除？",
  cancel: "取消",
  save: "保存",
  settings: "设置",
  theme: "主题",
  themeSystem: "跟随系统",
  themeLight: "浅色",
  themeDark: "深色",
  language: "语言",
  composerLabel: "消息",
  composerPlaceholder: "给 DeepSeek 发送消息",
  composerHint: "Enter 发送 · Shift + Enter 换行",
  disclaimer: "内容由 AI 生成，请仔细甄别。",
  send: "发送",
  stop: "停止",
  reasoning: "深度思考",
  model: "模型",
  thinking: "思考中…",
  thinkingFor: (s) => `思考中…（${s} 秒）`,
  thoughtFor: (s) => `已深度思考（用时 ${s} 秒）`,
  thoughtStopped: "思考已中止",
  tool: "工具",
  toolRunning: (s) => `运行中… ${s}`,
  toolDone: (s) => `完成，用时 ${s}`,
  toolFailed: "失败",
  toolsUsed: (n) => `调用了 ${n} 个工具`,
  arguments: "参数",
  result: "结果",
  error: "错误",
  showMore: "展开更多",
  showLess: "收起",
  copy: "复制",
  copied: "已复制",
  copyCode: "复制代码",
  regenerate: "重新生成",
  edit: "编辑",
  saveAndSend: "保存并发送",
  retry: "重试",
  signIn: "登录",
  interrupted: "已中断",
  interruptedHint: "回答完成前页面被关闭或连接断开。",
  reconnecting: "连接已断开，正在重新连接…",
  stopped: "已停止",
  errorTitle: "回答未能完成",
  plainTextFailed: "以纯文本显示：这段内容无法按格式显示。",
  plainTextTooDeep: "以纯文本显示：嵌套层级过深，无法排版。",
  // The server's sentences are English (they also serve API callers); say the common ones in Chinese.
  errorCodes: {
    not_configured:
      "服务器没有配置 API Key：在 .env.local 或部署平台的环境变量中设置 DEEPSEEK_API_KEY，然后重启应用。",
    invalid_api_key: "服务商拒绝了 API Key（401）：请检查服务器环境中的 DEEPSEEK_API_KEY。",
    insufficient_balance: "服务商账户余额不足（402）：请到服务商平台充值后重试。",
    rate_limited: "服务商限流（429），重试后仍未成功：请稍等片刻再试。",
    provider_overloaded: "服务商繁忙（503）：请稍后重试。",
    provider_unreachable: "与模型服务商的连接失败或中断：请检查 DEEPSEEK_BASE_URL 和网络后重试。",
    provider_timeout: "模型服务商没有及时响应：请重试。",
    connection_lost: "回答完成前连接已断开。",
    stream_not_found: "服务器上已没有这个回答的后续内容；已收到的部分保留在此。",
    stream_evicted: "这个回答较早的内容已不在服务器上；请重新提问以获得完整回答。",
    stream_lost: "运行这个回答的服务器实例已停止；请重新提问。",
    tool_rounds_exceeded: "工具调用次数过多，已停止。",
    internal_error: "服务器在回答时出错：请重试。",
    answer_timeout: "回答用时过长，已停止：请换个更简单的问题，或减少工具调用。",
    unauthorized: "此服务器需要访问码：请先登录。",
  },
  statsTokens: "tokens",
  statsPrompt: "输入",
  statsCompletion: "输出",
  statsTotal: "总计",
  statsReasoning: "推理",
  statsCached: "缓存命中",
  statsFirstByte: "首字",
  statsTime: "耗时",
  statsSpeed: "tok/s",
  statsTools: (n) => `${n} 次工具调用`,
  setupTitle: "设置 API Key 后即可开始对话",
  setupIntro: "服务器还没有配置 DeepSeek API Key。",
  setupStep1: "在 platform.deepseek.com 创建一个 Key。",
  setupStep2: "把它写进 package.json 旁的 .env.local（或部署平台的环境变量）：",
  setupStep3: "重启应用（npm start 或重新部署），然后刷新本页。",
  setupShort:
    "服务器没有配置 API Key：在 .env.local（或部署平台的环境变量）中设置 DEEPSEEK_API_KEY 并重启应用后即可继续对话。",
  emptyTitle: "今天有什么可以帮你？",
  suggestions: [
    "分析一下 600519（贵州茅台）的行情",
    "现在东京几点？",
    "用公式解释勾股定理",
    "写一个 TypeScript 防抖函数",
  ],
  jumpToLatest: "跳到最新",
  answerReady: "回答完成：",
  you: "你",
  assistant: "DeepSeek",
  loading: "加载中…",
  conversationLabel: "对话内容",
  previousVersion: "上一个版本",
  nextVersion: "下一个版本",
  versionOf: (n, count) => `第 ${n} 个版本，共 ${count} 个`,
  historyInBrowser:
    "对话记录只保存在这个浏览器中。连接数据库（DATABASE_URL，见 README）即可保存在服务器上，并在所有设备上看到。",
  historyErrorTitle: "无法加载对话",
  moreConversations: "显示更早的对话",
};

export const dictionaries: Record<Locale, Dictionary> = { en, zh };

/** The first supported language in a browser's preference list (navigator.languages / Accept-Language). */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.trim().toLowerCase().split(/[-_;]/)[0];
    if (base === "zh" || base === "en") return base;
  }
  return "en";
}

/** Accept-Language: "zh-CN,zh;q=0.9,en;q=0.8" → ["zh-CN", "zh", "en"], in the order sent. */
export function parseAcceptLanguage(header: string | null): string[] {
  if (!header) return [];
  return header.split(",").map((item) => item.split(";")[0]?.trim() ?? "");
}

export const LOCALE_PREFERENCE = "locale";
