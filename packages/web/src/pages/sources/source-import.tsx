import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import type { ImportReport, OtherSource } from './sources-api';

/** Saves a Blob under a file name, as a download. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Issue {
  row?: number;
  column?: string;
  message: string;
}

/**
 * 批量导入 of one source: the template of the plan × period with a row per unit in scope, and the upload
 * of the filled file, checked as a whole; every problem comes back with its row and column.
 */
export function SourceImport({
  plan,
  period,
  source,
  onImported,
}: {
  plan: string;
  period: string;
  source: OtherSource;
  onImported(): void;
}) {
  const t = useT(messages);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    | { kind: 'ok'; report: ImportReport }
    | { kind: 'error'; detail: string; issues: readonly Issue[] }
    | undefined
  >();
  const base = `/api/source-imports/${encodeURIComponent(plan)}/${encodeURIComponent(period)}`;

  const template = async (format: 'xlsx' | 'csv') => {
    try {
      const blob = await api.get<Blob>(`${base}/template`, { format });
      download(blob, `${plan}-${period}-${source}.${format}`);
    } catch (e) {
      setResult({
        kind: 'error',
        detail: t('downloadFailed', { detail: e instanceof ApiError ? e.detail : String(e) }),
        issues: [],
      });
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    setResult(undefined);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const report = await api.post<ImportReport>(base, body, { source });
      setResult({ kind: 'ok', report });
      onImported();
    } catch (e) {
      setResult({
        kind: 'error',
        detail: t('importFailed', { detail: e instanceof ApiError ? e.detail : String(e) }),
        issues: e instanceof ApiError ? e.errors : [],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('importTitle')} data-testid="source-import">
      <Typography.Paragraph type="secondary">
        {t('importIntro', { source: t(`source_${source}`) })}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          {t('templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          {t('templateCsv')}
        </Button>
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy}>
            {busy ? t('uploading') : t('upload')}
          </Button>
        </Upload>
      </Flex>
      {result?.kind === 'ok' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-result"
          title={t('imported', { units: result.report.units, values: result.report.values })}
        />
      )}
      {result?.kind === 'error' && (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="import-result"
            title={result.detail}
          />
          {result.issues.length > 0 && (
            <Table<Issue & { key: number }>
              size="small"
              style={{ marginTop: 8 }}
              data-testid="import-issues"
              pagination={result.issues.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: true }}
              dataSource={result.issues.map((issue, key) => ({ ...issue, key }))}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 64 },
                { title: t('column'), dataIndex: 'column' },
                { title: t('problem'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
