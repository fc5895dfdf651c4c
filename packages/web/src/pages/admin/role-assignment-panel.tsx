import { App, Button, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Role } from '../../auth/roles';
import { useMe } from '../../auth/session-provider';
import { useT } from '../../i18n/use-t';
import { adminApi, type UserAccount } from './admin-api';
import { ApiProblem } from './api-problem';
import { messages } from './messages';
import { RoleAssignmentModal } from './role-assignment-modal';
import { useLoad } from './use-load';

const PAGE_SIZE = 20;

/** The security administrator's list of accounts with their roles and unit scope, to assign them. */
export function RoleAssignmentPanel() {
  const t = useT(messages);
  const me = useMe();
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const [offset, setOffset] = useState(0);
  const users = useLoad(() => adminApi.searchUsers({ q, limit: PAGE_SIZE, offset }), [q, offset]);
  const [assigning, setAssigning] = useState<UserAccount>();

  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('searchUsers')}
        aria-label={t('searchUsers')}
        style={{ width: 260, marginBottom: 12 }}
        data-testid="role-user-search"
        onSearch={(text) => {
          setQ(text.trim() || undefined);
          setOffset(0);
        }}
      />
      {users.error !== undefined && <ApiProblem error={users.error} />}
      <Table<UserAccount>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        data-testid="role-table"
        pagination={{
          current: offset / PAGE_SIZE + 1,
          pageSize: PAGE_SIZE,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setOffset((p - 1) * PAGE_SIZE),
        }}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('displayName'), dataIndex: 'displayName' },
          {
            title: t('roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) =>
              roles.length === 0 ? (
                <Typography.Text type="secondary">{t('noRoles')}</Typography.Text>
              ) : (
                roles.map((r) => <Tag key={r}>{t(`role_${r}`)}</Tag>)
              ),
          },
          {
            title: t('unitScope'),
            dataIndex: 'unitCode',
            render: (c: string | null) => c ?? t('wholeProvince'),
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, u) => {
              const button = (
                <Button
                  size="small"
                  type="link"
                  disabled={u.id === me.id}
                  onClick={() => setAssigning(u)}
                  data-testid={`assign-${u.username}`}
                >
                  {t('assignRoles')}
                </Button>
              );
              return u.id === me.id ? <Tooltip title={t('notOwnRoles')}>{button}</Tooltip> : button;
            },
          },
        ]}
      />
      {assigning !== undefined && (
        <RoleAssignmentModal
          user={assigning}
          onClose={() => setAssigning(undefined)}
          onDone={(u) => {
            setAssigning(undefined);
            message.success(t('rolesDone', { name: u.username }));
            users.reload();
          }}
        />
      )}
    </>
  );
}
