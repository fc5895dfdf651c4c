import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    planListTitle: '考核方案',
    planDesignerTitle: '方案设计',
  },
  {
    planListTitle: 'Assessment plans',
    planDesignerTitle: 'Plan designer',
  },
);
