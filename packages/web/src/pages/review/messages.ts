import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    reviewTitle: '审核队列',
  },
  {
    reviewTitle: 'Review queue',
  },
);
