import { Descriptions, Table, Typography } from 'antd';
import { useT } from '../../i18n/use-t';
import type { AuditEntry } from './admin-api';
import { type DiffRow, diffAuditJson } from './json-diff';
import { messages } from './messages';

const cell = (text: string | undefined) =>
  text === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <code style={{ wordBreak: 'break-all' }}>{text}</code>
  );

/** An entry's before and after, field by field with changes marked, and its place in the hash chain. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT(messages);
  let rows: DiffRow[];
  try {
    rows = diffAuditJson(entry.beforeJson, entry.afterJson);
  } catch {
    rows = [
      {
        field: '',
        before: entry.beforeJson ?? undefined,
        after: entry.afterJson ?? undefined,
        changed: true,
      },
    ];
  }
  return (
    <div data-testid={`audit-diff-${entry.seq}`}>
      <Table<DiffRow>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('noPayload') }}
        rowClassName={(r) => (r.changed ? 'xn-audit-changed' : '')}
        columns={[
          {
            title: t('field'),
            dataIndex: 'field',
            width: 180,
            render: (f: string, r) => (r.changed ? <Typography.Text strong>{f}</Typography.Text> : f),
          },
          { title: t('before'), dataIndex: 'before', render: cell },
          {
            title: t('after'),
            dataIndex: 'after',
            render: (v: string | undefined, r) => (r.changed ? <mark>{cell(v)}</mark> : cell(v)),
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 'hash', label: t('hash'), children: <code>{`${entry.algorithm}:${entry.hash}`}</code> },
          { key: 'prev', label: t('prevHash'), children: <code>{entry.prevHash}</code> },
        ]}
      />
    </div>
  );
}
