import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    myUnitTitle: '本单位考核情况',
  },
  {
    myUnitTitle: 'My unit',
  },
);
