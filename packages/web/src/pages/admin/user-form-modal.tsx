import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { adminApi, type UserAccount } from './admin-api';
import { ApiProblem, asApiError } from './api-problem';
import { showFieldErrors } from './form-errors';
import { messages } from './messages';

export type UserFormMode = 'create' | 'edit' | 'reset';

interface Values {
  username: string;
  displayName: string;
  password: string;
}

/**
 * Create an account, rename one, or set a temporary password (the account must change it at its next
 * sign-in). The server's checks (taken name, password policy) come back under their fields.
 */
export function UserFormModal({
  mode,
  user,
  onClose,
  onDone,
}: {
  mode: UserFormMode;
  user?: UserAccount;
  onClose(): void;
  onDone(message: string): void;
}) {
  const t = useT(messages);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'create') {
        const created = await adminApi.createUser(v);
        onDone(t('createdDone', { name: created.username }));
      } else if (mode === 'edit' && user !== undefined) {
        await adminApi.updateUser(user, { displayName: v.displayName });
        onDone(t('renamedDone', { name: user.username }));
      } else if (user !== undefined) {
        await adminApi.resetPassword(user, v.password);
        onDone(t('resetDone', { name: user.username }));
      }
    } catch (e) {
      const problem = asApiError(e);
      // The reset route names the field newPassword; the form calls it password.
      showFieldErrors(form, problem, { newPassword: 'password' });
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  const title =
    mode === 'create'
      ? t('createUser')
      : mode === 'edit'
        ? t('renameUser', { name: user?.username ?? '' })
        : t('resetPasswordOf', { name: user?.username ?? '' });
  return (
    <Modal
      open
      title={title}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="user-form"
    >
      {error !== undefined && <ApiProblem error={error} testId="user-form-problem" />}
      <Form<Values>
        name="account"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ displayName: user?.displayName ?? '' }}
        style={{ marginTop: 12 }}
      >
        {mode === 'create' && (
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required') }]}
            extra={t('usernameHelp')}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {mode !== 'reset' && (
          <Form.Item
            name="displayName"
            label={t('displayName')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {mode !== 'edit' && (
          <Form.Item
            name="password"
            label={t('temporaryPassword')}
            rules={[{ required: true, message: t('required') }]}
            extra={t('temporaryPasswordHelp')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
