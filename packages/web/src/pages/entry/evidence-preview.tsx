import { FileOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/use-t';
import type { EvidenceSummary } from './entry-types';
import { messages } from './messages';

/**
 * A link that opens an evidence file in a dialog: images inline, PDFs in a frame, anything else as a
 * download. The file is fetched with the session (the server checks the scope) and shown from a blob URL,
 * because the server sends evidence as an attachment.
 */
export function EvidencePreview({ evidence }: { evidence: EvidenceSummary }) {
  const t = useT(messages);
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!open) return;
    let live = true;
    let made: string | undefined;
    api.get<Blob>(`/api/evidence/${evidence.hash}`).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(new Blob([blob], { type: evidence.mediaType }));
        setUrl(made);
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.detail : String(e)),
    );
    return () => {
      live = false;
      if (made !== undefined) URL.revokeObjectURL(made);
      setUrl(undefined);
      setError(undefined);
    };
  }, [open, evidence.hash, evidence.mediaType]);

  const image = evidence.mediaType.startsWith('image/');
  const pdf = evidence.mediaType === 'application/pdf';
  return (
    <>
      <Button
        type="link"
        icon={<FileOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`evidence-link-${evidence.hash.slice(0, 12)}`}
        style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
      >
        {evidence.fileName}
      </Button>
      <Modal
        open={open}
        title={evidence.fileName}
        onCancel={() => setOpen(false)}
        footer={
          url === undefined ? null : (
            <a
              href={url}
              target="_blank"
              rel="noreferrer"
              download={image || pdf ? undefined : evidence.fileName}
            >
              {t('previewEvidence')}
            </a>
          )
        }
        width={900}
        destroyOnHidden
      >
        {error !== undefined && <Alert type="error" showIcon title={error} />}
        {error === undefined && url === undefined && <Spin />}
        {url !== undefined && image && (
          <img
            src={url}
            alt={evidence.fileName}
            data-testid="evidence-image"
            style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }}
          />
        )}
        {url !== undefined && pdf && (
          <iframe
            src={url}
            title={evidence.fileName}
            data-testid="evidence-pdf"
            style={{ width: '100%', height: '70vh', border: 'none' }}
          />
        )}
        {url !== undefined && !image && !pdf && (
          <a href={url} download={evidence.fileName}>
            {evidence.fileName}
          </a>
        )}
      </Modal>
    </>
  );
}
