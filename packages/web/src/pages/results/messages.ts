import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    resultsTitle: '评分、公示与申诉',
  },
  {
    resultsTitle: 'Scoring, publication and appeals',
  },
);
