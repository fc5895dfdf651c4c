import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { App, Button, Form, Input, Modal, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, formErrorsOf } from '../../api/api-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/use-t';
import type { Appeal } from '../results/result-types';
import { messages } from './messages';

interface Props {
  open: boolean;
  snapshotId: string;
  unitCode: string;
  onClose(): void;
  onFiled(appeal: Appeal): void;
}

/** 申诉: reasons and evidence files, filed during the notice period. */
export function AppealModal({ open, snapshotId, unitCode, onClose, onFiled }: Props) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reasons: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    // Invalid fields show their messages under the fields; nothing to send then.
    const values = await form.validateFields().catch(() => undefined);
    if (values === undefined) return;
    const { reasons } = values;
    const evidence = files.flatMap((f) =>
      f.status === 'done' && typeof f.response === 'string' ? [f.response] : [],
    );
    setSaving(true);
    try {
      const appeal = await api.post<Appeal>(`/api/results/${encodeURIComponent(snapshotId)}/appeals`, {
        unitCode,
        reasons,
        evidence,
      });
      void message.success(t('appealFiled'));
      form.resetFields();
      setFiles([]);
      onFiled(appeal);
    } catch (error) {
      if (error instanceof ApiError) {
        form.setFields(formErrorsOf(error) as never);
        void message.error(error.detail);
      } else throw error;
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('fileAppeal')}
      okText={t('appealSubmit')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reasons"
          label={t('appealReasons')}
          rules={[{ required: true, whitespace: true, message: t('appealReasonsRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label={t('appealEvidence')}>
          <Upload
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => {
              const body = new FormData();
              body.append('file', file as Blob);
              api.post<{ hash: string }>('/api/appeals/evidence', body).then(
                (saved) => onSuccess?.(saved.hash),
                (error: unknown) => {
                  if (error instanceof ApiError) void message.error(error.detail);
                  onError?.(error as Error);
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />}>{t('appealUpload')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
