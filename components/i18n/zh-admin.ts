import type { Dictionary } from "./en";
import type { enAdmin } from "./en-admin";

// The interface text of budgets and the admin page in Chinese (issue 19), key for key as en-admin.ts.

export const zhAdmin: Pick<Dictionary, keyof typeof enAdmin> = {
  // Budgets (issue 19)
  budgetQuotaExceeded: "本期额度已用完，额度重置后即可继续提问。",
  budgetTooManyAnswers: "同时进行的回答已达上限：请等一个回答结束或停止一个，然后再问。",
  budgetTokensLeft: (left: string, limit: string, resets: string) =>
    `今日剩余 ${left} / ${limit} tokens · ${resets} 重置`,
  budgetUsdLeft: (left: string, limit: string, resets: string) =>
    `本月剩余 ${left} / ${limit} · ${resets} 重置`,
  budgetEdit: "预算",
  budgetTokensPerDay: "每日 token",
  budgetUsdPerMonth: "每月美元",
  budgetDefault: (value) => `默认（${value}）`,
  budgetUnlimited: "不限",
  budgetCustom: "指定额度…",
  budgetAmount: (measure) => `${measure}：额度`,
  budgetSpentToday: (spent) => `今日已用 ${spent}`,
  budgetSpentMonth: (spent) => `本月已花 ${spent}`,
  budgetSave: "保存预算",
  budgetLoadFailed: "无法加载此人的预算。",
  // Admin (issue 19)
  adminTitle: "管理",
  adminIntro: "账户、各自的用量与花费，以及管理员做过的更改。",
  usageTitle: "用量",
  usagePeriod: "时间段",
  lastDays: (n: number) => `最近 ${n} 天`,
  usageDays: (from: string, to: string, zone: string) => `${from} – ${to}，按 ${zone} 计日`,
  usageFailed: "无法加载用量。",
  usageNone: "这段时间没有回答。",
  chartMetric: "图表",
  metricTokens: "Token",
  chartLabel: (metric: string) => `每人每天的${metric}`,
  chartOthers: "其他",
  usagePerson: "成员",
  usageAnswers: "回答",
  usageTokensIn: "输入 Token",
  usageTokensOut: "输出 Token",
  usageCacheHits: "缓存命中",
  usageEveryone: "全部",
  usageUnpriced: (n: number) => `有 ${n} 个回答的模型没有已知价格：只计 Token，不计金额。`,
  auditTitle: "审计日志",
  auditEmpty: "还没有管理员更改过账户。",
  auditFailed: "无法加载审计日志。",
  auditOlder: "显示更早的",
  auditApproved: "批准了",
  auditEnabled: "启用了",
  auditDisabled: "停用了",
  auditMadeAdmin: "将管理员权限授予",
  auditRemovedAdmin: "收回了管理员权限：",
  auditBudget: "更改了预算：",
  auditStatus: "状态",
  auditRole: "角色",
  auditUnset: "默认",
};
