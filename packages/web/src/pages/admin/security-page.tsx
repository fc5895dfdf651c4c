import { Tabs, Typography } from 'antd';
import { useT } from '../../i18n/use-t';
import { AdminDuties } from './admin-duties';
import { messages } from './messages';
import { PolicyPanel } from './policy-panel';
import { RoleAssignmentPanel } from './role-assignment-panel';
import { TokenPanel } from './token-panel';

/** 安全策略 (security administrator): the policy, role assignment and API tokens. */
export function SecurityPage() {
  const t = useT(messages);
  return (
    <>
      <Typography.Title level={2}>{t('securityTitle')}</Typography.Title>
      <AdminDuties />
      <Tabs
        items={[
          { key: 'policy', label: t('tabPolicy'), children: <PolicyPanel /> },
          { key: 'roles', label: t('tabRoles'), children: <RoleAssignmentPanel /> },
          { key: 'tokens', label: t('tabTokens'), children: <TokenPanel /> },
        ]}
      />
    </>
  );
}
