import { type EngineIssue, type Locale, type LocalisedText, pathToString } from '@xiaoneng/engine';
import { t } from './localised.js';

/** One plan issue as a line: severity, path in the plan document, message. */
export function formatIssue(issue: EngineIssue): LocalisedText {
  const path = pathToString(issue.path) || '(root)';
  return issue.severity === 'error'
    ? t(`错误 ${path}：${issue.message['zh-CN']}`, `error   ${path}: ${issue.message.en}`)
    : t(`警告 ${path}：${issue.message['zh-CN']}`, `warning ${path}: ${issue.message.en}`);
}

export function formatIssueIn(issue: EngineIssue, locale: Locale): string {
  return formatIssue(issue)[locale];
}
