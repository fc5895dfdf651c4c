import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { type PlanVersionDetail, planApi } from './plan-api';
import { ProblemAlert } from './problem-alert';

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

/**
 * The plan as an Excel workbook: download any version; upload an edited one into a draft (all or nothing;
 * every bad cell comes back with its sheet, row and column).
 */
export function WorkbookTools({
  code,
  detail,
  canImport,
  disabled,
  onImported,
}: {
  code: string;
  detail: PlanVersionDetail;
  canImport: boolean;
  disabled: boolean;
  onImported: (next: PlanVersionDetail) => void;
}) {
  const t = useT(messages);
  const { message } = App.useApp();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        data-testid="export-workbook"
        disabled={disabled}
        onClick={async () => {
          try {
            download(await planApi.workbook(code, detail.number), `${code}-v${detail.number}.xlsx`);
          } catch (error) {
            setProblem(error);
          }
        }}
      >
        {t('exportWorkbook')}
      </Button>
      {canImport && (
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={disabled || busy}
          customRequest={async ({ file }) => {
            setBusy(true);
            try {
              const next = await planApi.importWorkbook(code, detail.number, file as File, detail.version);
              message.success(t('workbookImported'));
              onImported(next);
            } catch (error) {
              setProblem(error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="import-workbook">
            {t('importWorkbook')}
          </Button>
        </Upload>
      )}
      <Modal
        open={problem !== null}
        title={t('workbookProblem')}
        width={800}
        footer={null}
        onCancel={() => setProblem(null)}
      >
        {problem !== null && <ProblemAlert error={problem} testId="workbook-problem" />}
      </Modal>
    </>
  );
}
