import type { LocalisedText } from '@xiaoneng/engine';
import { t } from '../localised.js';

/**
 * Every problem the API reports, with its HTTP status and the short title a person reads. The code is the
 * stable contract (clients switch on it); the title and detail are for people and may be reworded.
 */
export const PROBLEMS = {
  bad_request: { status: 400, title: t('请求无效', 'Bad request') },
  malformed_json: { status: 400, title: t('请求体不是有效的 JSON', 'The request body is not valid JSON') },
  validation_failed: { status: 400, title: t('输入未通过校验', 'The input is not valid') },
  password_policy: { status: 400, title: t('密码不符合安全策略', 'The password does not meet the policy') },
  password_wrong: { status: 400, title: t('当前密码不正确', 'The current password is wrong') },
  roles_invalid: { status: 400, title: t('角色分配不允许', 'The role assignment is not allowed') },
  unit_unknown: { status: 400, title: t('单位不存在', 'Unknown unit') },
  login_failed: { status: 401, title: t('登录失败', 'Sign-in failed') },
  unauthenticated: { status: 401, title: t('需要登录', 'Sign-in required') },
  session_expired: { status: 401, title: t('会话已过期', 'The session has expired') },
  forbidden: { status: 403, title: t('无权执行此操作', 'Not allowed') },
  csrf_failed: { status: 403, title: t('缺少或错误的 CSRF 令牌', 'Missing or wrong CSRF token') },
  password_change_required: {
    status: 403,
    title: t('须先修改密码', 'The password must be changed first'),
  },
  out_of_scope: { status: 403, title: t('超出数据范围', 'Outside your data scope') },
  admin_account_protected: {
    status: 403,
    title: t('管理员账户受保护', 'Administrator accounts are protected'),
  },
  not_found: { status: 404, title: t('对象不存在', 'Not found') },
  route_not_found: { status: 404, title: t('接口不存在', 'No such endpoint') },
  version_conflict: { status: 409, title: t('数据已被他人修改', 'Changed by someone else') },
  username_taken: { status: 409, title: t('用户名已被占用', 'The username is taken') },
  last_admin: { status: 409, title: t('不能移除最后一名管理员', 'The last administrator cannot be removed') },
  payload_too_large: { status: 413, title: t('请求体过大', 'The request body is too large') },
  unsupported_media_type: { status: 415, title: t('不支持的内容类型', 'Unsupported content type') },
  // Domain (units, plans, periods, submissions, imports, evidence).
  unit_exists: { status: 409, title: t('单位代码已存在', 'The unit code exists') },
  unit_class_unknown: { status: 400, title: t('单位类别不存在', 'Unknown unit class') },
  unit_class_exists: { status: 409, title: t('单位类别已存在', 'The unit class exists') },
  unit_cycle: { status: 400, title: t('上级单位不能是自身或下级', 'A unit cannot sit under itself') },
  unit_disabled: { status: 409, title: t('单位已停用', 'The unit is disabled') },
  plan_exists: { status: 409, title: t('方案代码已存在', 'The plan code exists') },
  plan_invalid: { status: 400, title: t('方案未通过校验', 'The plan is not valid') },
  plan_state: { status: 409, title: t('方案版本状态不允许此操作', 'Not allowed in this plan version state') },
  plan_not_published: { status: 409, title: t('方案尚未发布', 'The plan has no published version') },
  approval_required: { status: 409, title: t('调整须经审批', 'The change needs an approval') },
  plan_workbook_invalid: {
    status: 400,
    title: t('方案工作簿有误，未作任何修改', 'The plan workbook has errors; nothing was changed'),
  },
  preview_no_data: { status: 409, title: t('没有可供预览的考核周期', 'No period to preview on') },
  self_approval: { status: 403, title: t('不能审核自己的提交或调整', 'You cannot review your own work') },
  period_invalid: { status: 400, title: t('考核周期代码无效', 'Invalid period code') },
  period_exists: { status: 409, title: t('考核周期已存在', 'The period exists') },
  period_closed: { status: 409, title: t('考核周期未开放填报', 'The period is not open for submission') },
  submission_state: {
    status: 409,
    title: t('填报状态不允许此操作', 'Not allowed in this submission state'),
  },
  element_unknown: { status: 400, title: t('数据元不存在或不可填报', 'Unknown or computed data element') },
  source_not_allowed: {
    status: 403,
    title: t('您的角色不能录入此来源', 'Your role cannot enter this source'),
  },
  import_failed: {
    status: 400,
    title: t('导入失败，未写入任何数据', 'The import failed; nothing was stored'),
  },
  evidence_too_large: { status: 413, title: t('佐证材料过大', 'The evidence file is too large') },
  evidence_type: { status: 415, title: t('佐证材料类型不允许', 'The evidence type is not allowed') },
  // Results, publication and appeals.
  scoring_failed: { status: 422, title: t('评分未能完成', 'Scoring could not finish') },
  snapshot_state: { status: 409, title: t('快照状态不允许此操作', 'Not allowed in this snapshot state') },
  result_final: {
    status: 409,
    title: t('公示期已结束，结果已锁定', 'The notice period is over; the result is final'),
  },
  appeal_state: { status: 409, title: t('申诉状态不允许此操作', 'Not allowed in this appeal state') },
  internal_error: { status: 500, title: t('服务器内部错误', 'Internal server error') },
  service_unavailable: { status: 503, title: t('服务暂不可用', 'Service unavailable') },
} as const satisfies Record<string, { status: number; title: LocalisedText }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** RFC 9457 `type`: a stable URI per code. A URN, because no page is promised behind it. */
export function problemType(code: ProblemCode): string {
  return `urn:xiaoneng:problem:${code}`;
}
