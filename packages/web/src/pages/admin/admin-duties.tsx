import { Card, Tag, Typography } from 'antd';
import { useMe } from '../../auth/session-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';

const ADMINS = ['sysadmin', 'secadmin', 'auditor'] as const;
const DUTY = { sysadmin: 'dutySysadmin', secadmin: 'dutySecadmin', auditor: 'dutyAuditor' } as const;

/**
 * 三员分立 at a glance: what each of the three administrators does, the signed-in one marked, so that a
 * refused action is no surprise. The server enforces the split; this only explains it.
 */
export function AdminDuties() {
  const me = useMe();
  const t = useT(messages);
  return (
    <Card size="small" title={t('dutiesTitle')} data-testid="admin-duties" style={{ marginBottom: 16 }}>
      {ADMINS.map((role) => (
        <Typography.Paragraph key={role} style={{ marginBottom: 4 }}>
          <Tag color={me.roles.includes(role) ? 'blue' : 'default'}>{t(`role_${role}`)}</Tag>
          {t(DUTY[role])}
          {me.roles.includes(role) && <Typography.Text strong> {t('dutiesYou')}</Typography.Text>}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
