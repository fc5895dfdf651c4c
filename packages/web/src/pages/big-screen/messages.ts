import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    bigScreenTitle: '绩效考核大屏',
  },
  {
    bigScreenTitle: 'Assessment command screen',
  },
);
