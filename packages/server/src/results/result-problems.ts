import { t } from '../localised.js';

/** Names of what results routes report as missing, in both languages. */
export const SNAPSHOT = t('评分快照', 'result snapshot');
export const APPEAL = t('申诉', 'appeal');
export const PLAN_VERSION = t('方案版本', 'plan version');
export const PERIOD = t('考核周期', 'period');
