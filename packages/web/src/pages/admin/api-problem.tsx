import { Alert, Table } from 'antd';
import { ApiError, type FieldIssue } from '../../api/api-error';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';

/** Any thrown value as an ApiError: the server's problem, or a failure of the page itself. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { code: 'client', detail: error instanceof Error ? error.message : String(error) });
}

/**
 * The server's refusal or error as it sent it, in the page's language: what (title, detail), the HTTP status
 * and stable code, and each bad input at its path (with row and column for imports). A 403 says plainly that
 * the server refused, whatever the page showed.
 */
export function ApiProblem({ error, testId = 'api-problem' }: { error: unknown; testId?: string }) {
  const t = useT(messages);
  const e = asApiError(error);
  const refused = e.status === 403;
  const hasRows = e.errors.some((i) => i.row !== undefined);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-code={e.code}
      data-status={e.status}
      title={refused ? t('refusedByServer', { title: e.title }) : e.title}
      description={
        <>
          <div>{e.detail}</div>
          <div style={{ opacity: 0.7, fontSize: 12 }}>
            {t('problemCode', { status: e.status === 0 ? '—' : e.status, code: e.code })}
            {typeof e.problem.requestId === 'string' ? ` · ${t('requestId')} ${e.problem.requestId}` : ''}
          </div>
          {e.errors.length > 0 && (
            <Table<FieldIssue & { key: number }>
              size="small"
              style={{ marginTop: 8 }}
              pagination={e.errors.length > 20 ? { pageSize: 20 } : false}
              data-testid={`${testId}-issues`}
              rowKey="key"
              dataSource={e.errors.map((issue, key) => ({ ...issue, key }))}
              columns={[
                ...(hasRows
                  ? [
                      { title: t('issueRow'), dataIndex: 'row', width: 70 },
                      { title: t('issueColumn'), dataIndex: 'column', width: 140 },
                    ]
                  : [{ title: t('issuePath'), dataIndex: 'path', width: 220 }]),
                { title: t('issueMessage'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      }
    />
  );
}
