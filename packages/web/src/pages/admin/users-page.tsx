import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type ReactElement, useState } from 'react';
import { ROLES, type Role } from '../../auth/roles';
import { useMe } from '../../auth/session-provider';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { adminApi, type UserAccount, type UserSearch, type UserState } from './admin-api';
import { AdminDuties } from './admin-duties';
import { ApiProblem } from './api-problem';
import { messages } from './messages';
import { RoleAssignmentModal } from './role-assignment-modal';
import { useLoad } from './use-load';
import { UserFormModal, type UserFormMode } from './user-form-modal';

const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
const PAGE_SIZE = 20;

export function isAdminAccount(u: UserAccount): boolean {
  return u.roles.some((r) => ADMIN_ROLES.includes(r));
}

export function isLocked(u: UserAccount, now = Date.now()): boolean {
  return u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;
}

/**
 * 账户管理. The system administrator creates, renames, disables and unlocks ordinary accounts and sets
 * temporary passwords; the security administrator assigns roles and unit scope. Each sees the other's
 * actions greyed out with the reason; the server refuses them anyway and its answer is shown.
 */
export function UsersPage() {
  const t = useT(messages);
  const me = useMe();
  const { message } = App.useApp();
  const format = useFormat();
  const canWrite = me.permissions.includes('users.write');
  const canAssign = me.permissions.includes('users.assignRoles');
  const [search, setSearch] = useState<UserSearch>({ limit: PAGE_SIZE, offset: 0 });
  const users = useLoad(() => adminApi.searchUsers(search), [search]);
  const [form, setForm] = useState<{ mode: UserFormMode; user?: UserAccount }>();
  const [assigning, setAssigning] = useState<UserAccount>();
  const [actionError, setActionError] = useState<unknown>();

  const done = (text: string) => {
    setActionError(undefined);
    message.success(text);
    users.reload();
  };
  const act = async (work: () => Promise<unknown>, text: string) => {
    try {
      await work();
      done(text);
    } catch (e) {
      setActionError(e);
    }
  };

  const writeBlocked = (u: UserAccount): string | undefined => {
    if (!canWrite) return t('onlySysadmin');
    if (isAdminAccount(u)) return t('adminProtected');
    return undefined;
  };
  const assignBlocked = (u: UserAccount): string | undefined => {
    if (!canAssign) return t('onlySecadmin');
    if (u.id === me.id) return t('notOwnRoles');
    return undefined;
  };
  const guarded = (reason: string | undefined, button: ReactElement) =>
    reason === undefined ? button : <Tooltip title={reason}>{button}</Tooltip>;

  return (
    <>
      <Typography.Title level={2}>{t('usersTitle')}</Typography.Title>
      <AdminDuties />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('searchUsers')}
          aria-label={t('searchUsers')}
          data-testid="user-search"
          style={{ width: 260 }}
          onSearch={(q) => setSearch((s) => ({ ...s, q: q.trim() || undefined, offset: 0 }))}
        />
        <Select<Role>
          allowClear
          placeholder={t('filterRole')}
          aria-label={t('filterRole')}
          style={{ width: 200 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))}
          onChange={(role) => setSearch((s) => ({ ...s, role, offset: 0 }))}
        />
        <Select<UserState>
          allowClear
          placeholder={t('filterState')}
          aria-label={t('filterState')}
          style={{ width: 160 }}
          options={(['enabled', 'disabled', 'locked'] as const).map((v) => ({
            value: v,
            label: t(`state_${v}`),
          }))}
          onChange={(state) => setSearch((s) => ({ ...s, state, offset: 0 }))}
        />
        {guarded(
          canWrite ? undefined : t('onlySysadmin'),
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!canWrite}
            onClick={() => setForm({ mode: 'create' })}
            data-testid="create-user"
          >
            {t('createUser')}
          </Button>,
        )}
      </Space>
      {users.error !== undefined && <ApiProblem error={users.error} />}
      {actionError !== undefined && <ApiProblem error={actionError} testId="action-problem" />}
      <Table<UserAccount>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        data-testid="users-table"
        scroll={{ x: 1000 }}
        pagination={{
          current: search.offset / PAGE_SIZE + 1,
          pageSize: PAGE_SIZE,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('total', { total }),
          onChange: (pageNo) => setSearch((s) => ({ ...s, offset: (pageNo - 1) * PAGE_SIZE })),
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
            title: t('state'),
            key: 'state',
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.disabled ? (
                  <Tag color="default">{t('state_disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('state_enabled')}</Tag>
                )}
                {isLocked(u) && (
                  <Tooltip title={t('lockedUntil', { at: format.dateTime(u.lockedUntil!) })}>
                    <Tag color="red">{t('state_locked')}</Tag>
                  </Tooltip>
                )}
                {u.mustChangePassword && <Tag color="orange">{t('mustChangePassword')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, u) => {
              const blocked = writeBlocked(u);
              const assign = assignBlocked(u);
              return (
                <Space size={0} wrap data-testid={`user-actions-${u.username}`}>
                  {guarded(
                    blocked,
                    <Button
                      size="small"
                      type="link"
                      disabled={blocked !== undefined}
                      onClick={() => setForm({ mode: 'edit', user: u })}
                    >
                      {t('rename')}
                    </Button>,
                  )}
                  {guarded(
                    blocked,
                    <Button
                      size="small"
                      type="link"
                      danger={!u.disabled}
                      disabled={blocked !== undefined}
                      data-testid={`toggle-${u.username}`}
                      onClick={() =>
                        act(
                          () => adminApi.updateUser(u, { disabled: !u.disabled }),
                          t(u.disabled ? 'enabledDone' : 'disabledDone', { name: u.username }),
                        )
                      }
                    >
                      {t(u.disabled ? 'enable' : 'disable')}
                    </Button>,
                  )}
                  {guarded(
                    blocked,
                    <Button
                      size="small"
                      type="link"
                      disabled={blocked !== undefined}
                      data-testid={`reset-${u.username}`}
                      onClick={() => setForm({ mode: 'reset', user: u })}
                    >
                      {t('resetPassword')}
                    </Button>,
                  )}
                  {isLocked(u) &&
                    guarded(
                      blocked,
                      <Button
                        size="small"
                        type="link"
                        disabled={blocked !== undefined}
                        onClick={() =>
                          act(() => adminApi.unlockUser(u), t('unlockedDone', { name: u.username }))
                        }
                      >
                        {t('unlock')}
                      </Button>,
                    )}
                  {guarded(
                    assign,
                    <Button
                      size="small"
                      type="link"
                      disabled={assign !== undefined}
                      data-testid={`assign-${u.username}`}
                      onClick={() => setAssigning(u)}
                    >
                      {t('assignRoles')}
                    </Button>,
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {form !== undefined && (
        <UserFormModal
          mode={form.mode}
          {...(form.user === undefined ? {} : { user: form.user })}
          onClose={() => setForm(undefined)}
          onDone={(text) => {
            setForm(undefined);
            done(text);
          }}
        />
      )}
      {assigning !== undefined && (
        <RoleAssignmentModal
          user={assigning}
          onClose={() => setAssigning(undefined)}
          onDone={(u) => {
            setAssigning(undefined);
            done(t('rolesDone', { name: u.username }));
          }}
        />
      )}
    </>
  );
}
