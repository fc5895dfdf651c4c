import { defineMessages } from '../../i18n/messages';

/** Texts of the pages in this folder (zh-CN, en). */
export const messages = defineMessages(
  {
    usersTitle: '账户管理',
    unitsTitle: '考核对象管理',
    securityTitle: '安全策略',
    auditTitle: '审计日志',
  },
  {
    usersTitle: 'Accounts',
    unitsTitle: 'Units',
    securityTitle: 'Security policy',
    auditTitle: 'Audit log',
  },
);
