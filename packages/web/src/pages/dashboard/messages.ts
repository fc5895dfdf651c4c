import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    dashboardTitle: '考核总览',
  },
  {
    dashboardTitle: 'Assessment overview',
  },
);
