import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    publicHomeTitle: '公开的考核结果',
    publicResultTitle: '考核结果',
    publicUnitTitle: '单位考核结果',
  },
  {
    publicHomeTitle: 'Published assessment results',
    publicResultTitle: 'Assessment result',
    publicUnitTitle: 'Unit result',
  },
);
