import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { adminApi, type UnitImportReport } from './admin-api';
import { ApiProblem } from './api-problem';
import { messages } from './messages';

type Charset = 'auto' | 'utf8' | 'gbk';

/**
 * Unit CSV import and export. The import is all or nothing: a bad row anywhere gives the server's report of
 * every bad row and column, and no unit changes. The columns are those of the export, so an exported file
 * edited in Excel (GBK) or elsewhere (UTF-8) comes back as it went out.
 */
export function UnitFilePanel({ onImported }: { onImported(): void }) {
  const t = useT(messages);
  const [charset, setCharset] = useState<Charset>('auto');
  const [report, setReport] = useState<{ file: string; counts: UnitImportReport }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      const counts = await adminApi.importUnits(file, charset === 'auto' ? undefined : charset);
      setReport({ file: file.name, counts });
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('importUnits')}>
        <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text code>单位代码,单位名称,单位类别,上级单位代码,层级,弹性系数,停用</Typography.Text>
        </Typography.Paragraph>
        <Space style={{ marginBottom: 12 }}>
          {t('charset')}
          <Radio.Group
            value={charset}
            onChange={(e) => setCharset(e.target.value as Charset)}
            options={[
              { value: 'auto', label: t('charsetAuto') },
              { value: 'utf8', label: 'UTF-8' },
              { value: 'gbk', label: 'GBK' },
            ]}
          />
        </Space>
        <Upload.Dragger
          accept=".csv,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="unit-import"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('importing') : t('dropCsv')}</p>
        </Upload.Dragger>
        <div style={{ marginTop: 12 }}>
          {report !== undefined && (
            <Alert
              type="success"
              showIcon
              data-testid="import-report"
              title={t('importDone', { file: report.file })}
              description={t('importCounts', { ...report.counts })}
            />
          )}
          {error !== undefined && (
            <>
              <Alert type="warning" showIcon title={t('importNothingChanged')} style={{ marginBottom: 8 }} />
              <ApiProblem error={error} testId="import-problem" />
            </>
          )}
        </div>
      </Card>
      <Card size="small" title={t('exportUnits')}>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href="/api/units/export?charset=utf8"
            download="units.csv"
            data-testid="export-utf8"
          >
            {t('exportUtf8')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href="/api/units/export?charset=gbk"
            download="units-gbk.csv"
            data-testid="export-gbk"
          >
            {t('exportGbk')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
