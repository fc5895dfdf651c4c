import { problem } from '../http/app-error.js';
import { t } from '../localised.js';

export function unknownClassProblem(classCode: string, path: string) {
  return problem(
    'unit_class_unknown',
    t(`单位类别“${classCode}”不存在`, `unit class "${classCode}" does not exist`),
    { errors: [{ path, message: t('不是本省的单位类别', 'is not a unit class of this province') }] },
  );
}

export function unknownParentProblem(parentCode: string, path: string) {
  return problem(
    'unit_unknown',
    t(`上级单位“${parentCode}”不存在`, `parent unit "${parentCode}" does not exist`),
    {
      errors: [{ path, message: t('不是本省的单位', 'is not a unit of this province') }],
    },
  );
}

export function unitExistsProblem(code: string) {
  return problem('unit_exists', t(`单位代码“${code}”已存在`, `unit code "${code}" already exists`), {
    errors: [{ path: 'body.code', message: t('已被占用', 'is taken') }],
  });
}
