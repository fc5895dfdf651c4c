import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../auth/roles';
import { useT } from '../../i18n/use-t';
import { adminApi, type UserAccount } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';

interface Values {
  roles: Role[];
  unitCode: string;
}

/**
 * The security administrator's assignment of roles and unit scope. The rules (an administrator role alone,
 * reporter and leader never together and bound to a unit, not one's own account) are the server's; its
 * refusal comes back under the field it concerns.
 */
export function RoleAssignmentModal({
  user,
  onClose,
  onDone,
}: {
  user: UserAccount;
  onClose(): void;
  onDone(user: UserAccount): void;
}) {
  const t = useT(messages);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const code = v.unitCode.trim();
      onDone(await adminApi.assignRoles(user, v.roles, code === '' ? null : code));
    } catch (e) {
      const problem = asApiError(e);
      showFieldErrors(form, problem);
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('assignRolesOf', { name: user.username })}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="role-form"
    >
      <Alert type="info" showIcon title={t('roleRules')} style={{ marginBottom: 12 }} />
      {error !== undefined && <ApiProblem error={error} testId="role-form-problem" />}
      <Form<Values>
        name="roles"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ roles: user.roles, unitCode: user.unitCode ?? '' }}
        style={{ marginTop: 12 }}
      >
        <Form.Item name="roles" label={t('roles')}>
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('unitScope')} extra={t('unitScopeHelp')}>
          <Input placeholder="330106" autoComplete="off" data-testid="role-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
