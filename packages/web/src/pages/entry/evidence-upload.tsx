import { CameraOutlined, CloseOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/use-t';
import type { EvidenceSummary } from './entry-types';
import { EvidencePreview } from './evidence-preview';
import { messages } from './messages';

/** What POST /api/evidence answers. */
interface Uploaded extends EvidenceSummary {
  duplicate: boolean;
}

/**
 * 佐证材料 of one value: drag and drop (or click) on a desktop; on a phone the picker offers the camera
 * (`capture`) and takes images and PDFs. The file is stored at once; the value cites it on the next save.
 */
export function EvidenceUpload({
  code,
  evidence,
  pending,
  disabled,
  phone,
  onUploaded,
  onRemove,
}: {
  code: string;
  evidence: EvidenceSummary | null;
  /** Uploaded but not yet saved with a value. */
  pending: boolean;
  disabled: boolean;
  phone: boolean;
  onUploaded(evidence: EvidenceSummary): void;
  onRemove(): void;
}) {
  const t = useT(messages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const saved = await api.post<Uploaded>('/api/evidence', body);
      onUploaded({
        hash: saved.hash,
        fileName: saved.fileName,
        mediaType: saved.mediaType,
        size: saved.size,
      });
    } catch (e) {
      setError(t('evidenceFailed', { detail: e instanceof ApiError ? e.detail : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={4} data-testid={`evidence-${code}`}>
      {evidence !== null && (
        <Flex align="center" gap={4} wrap>
          <Typography.Text type="secondary">{t('evidence')}：</Typography.Text>
          <EvidencePreview evidence={evidence} />
          {!disabled && (
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('evidenceRemove')}
              onClick={onRemove}
            />
          )}
        </Flex>
      )}
      {pending && <Typography.Text type="warning">{t('evidencePending')}</Typography.Text>}
      {!disabled && (
        <Upload.Dragger
          accept="image/*,application/pdf"
          {...(phone ? { capture: 'environment' as const } : {})}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          style={{ padding: 0 }}
        >
          <Flex align="center" justify="center" gap={8} style={{ minHeight: 44, paddingInline: 8 }}>
            {phone ? <CameraOutlined /> : <InboxOutlined />}
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {busy ? t('evidenceUploading') : phone ? t('evidencePhone') : t('evidenceDrop')}
            </Typography.Text>
          </Flex>
        </Upload.Dragger>
      )}
      {error !== undefined && <Typography.Text type="danger">{error}</Typography.Text>}
    </Flex>
  );
}
