import { Alert, Table } from 'antd';
import { ApiError, type FieldIssue } from '../../api/api-error';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { code: 'client', detail: error instanceof Error ? error.message : String(error) });
}

/**
 * A refusal of the server as it sent it (texts already in the page's language), with every bad input at its
 * place: the document path, or for a workbook the sheet, row and column.
 */
export function ProblemAlert({ error, testId }: { error: unknown; testId: string }) {
  const t = useT(messages);
  const e = asApiError(error);
  const rows = e.errors.some((i) => i.row !== undefined);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-code={e.code}
      title={e.title}
      description={
        <>
          <div>{e.detail}</div>
          {e.errors.length > 0 && (
            <Table<FieldIssue & { key: number }>
              size="small"
              style={{ marginTop: 8 }}
              rowKey="key"
              data-testid={`${testId}-issues`}
              pagination={e.errors.length > 20 ? { pageSize: 20 } : false}
              dataSource={e.errors.map((i, key) => ({ ...i, key }))}
              columns={[
                { title: rows ? t('cell') : t('issuePath'), dataIndex: 'path', width: 220 },
                ...(rows ? [{ title: t('issueColumn'), dataIndex: 'column', width: 160 }] : []),
                { title: t('issueMessage'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      }
    />
  );
}
