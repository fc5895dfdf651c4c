import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    entryListTitle: '数据填报',
    entryFormTitle: '填报表',
  },
  {
    entryListTitle: 'Data entry',
    entryFormTitle: 'Entry form',
  },
);
