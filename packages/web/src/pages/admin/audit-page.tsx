import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ROLES, type Role } from '../../auth/roles';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type AuditEntry, type AuditFilter, adminApi, type ChainVerification } from './admin-api';
import { AdminDuties } from './admin-duties';
import { ApiProblem } from './api-problem';
import { AuditDiff } from './audit-diff';
import { messages } from './messages';
import { useLoad } from './use-load';

const PAGE_SIZE = 50;

const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);

interface FilterValues {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  requestId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function filterOf(v: FilterValues): AuditFilter {
  const text = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  const f: AuditFilter = {};
  for (const key of ['actor', 'action', 'entity', 'entityId', 'requestId'] as const) {
    const value = text(v[key]);
    if (value !== undefined) f[key] = value;
  }
  // Whole days in the browser's time zone: from the start of the first to the end of the last.
  const [from, to] = v.range ?? [];
  if (from) f.from = from.startOf('day').toISOString();
  if (to) f.to = to.add(1, 'day').startOf('day').toISOString();
  return f;
}

/**
 * 审计日志 (audit administrator): the log newest first with who, in which role, when, what and the
 * entity's before and after; filters; and the check of the hash chain, with the first broken entry if any.
 */
export function AuditPage() {
  const t = useT(messages);
  const format = useFormat();
  const [filter, setFilter] = useState<AuditFilter>({});
  // Cursors of the pages visited: the last one is the page shown (undefined: the newest).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => adminApi.searchAudit(filter, cursor, PAGE_SIZE), [filter, cursor]);
  const [verification, setVerification] = useState<ChainVerification>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const [verifying, setVerifying] = useState(false);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    setVerification(undefined);
    try {
      setVerification(await adminApi.verifyAudit());
      // The check is itself recorded: show it if the newest page is open.
      if (cursor === undefined) page.reload();
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <Typography.Title level={2}>{t('auditTitle')}</Typography.Title>
      <AdminDuties />
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={verify}
          data-testid="verify-chain"
        >
          {t('verifyChain')}
        </Button>
        {verifyError !== undefined && <ApiProblem error={verifyError} testId="verify-problem" />}
        {verification !== undefined &&
          (verification.ok ? (
            <Alert
              type="success"
              showIcon
              data-testid="chain-ok"
              title={t('chainOk', { entries: format.number(verification.entries) })}
              description={t('chainHead', { seq: verification.headSeq, hash: verification.headHash })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="chain-broken"
              title={t('chainBroken', { seq: verification.break?.seq ?? '?' })}
              description={
                <>
                  <div>{verification.break?.message}</div>
                  <div>{t('chainBreakReason', { reason: verification.break?.reason ?? '' })}</div>
                  <div>
                    {t('chainVerifiedUpTo', { seq: verification.headSeq, entries: verification.entries })}
                  </div>
                </>
              }
            />
          ))}
      </Space>
      <Form<FilterValues>
        name="auditFilter"
        layout="inline"
        data-testid="audit-filter"
        onFinish={(v) => {
          setFilter(filterOf(v));
          setCursors([undefined]);
        }}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="actor" label={t('actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('action')}>
          <Input allowClear style={{ width: 160 }} placeholder="user.create" />
        </Form.Item>
        <Form.Item name="entity" label={t('entity')}>
          <Input allowClear style={{ width: 120 }} placeholder="unit" />
        </Form.Item>
        <Form.Item name="entityId" label={t('entityId')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="requestId" label={t('requestId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range" label={t('when')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-apply">
          {t('applyFilter')}
        </Button>
      </Form>
      {page.error !== undefined && <ApiProblem error={page.error} />}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        pagination={false}
        data-testid="audit-table"
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 80 },
          { title: t('when'), dataIndex: 'at', width: 170, render: (v: string) => format.dateTime(v) },
          { title: t('actor'), dataIndex: 'actor' },
          {
            title: t('role'),
            dataIndex: 'role',
            // Roles as the entry stored them (comma-separated); `token` and `bootstrap` are shown as they are.
            render: (v: string) =>
              v
                .split(',')
                .map((r) => (isRole(r) ? t(`role_${r}`) : r))
                .join('、'),
          },
          { title: t('action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
          {
            title: t('entity'),
            key: 'entity',
            render: (_: unknown, e) => (
              <span style={{ wordBreak: 'break-all' }}>
                {e.entity} <Typography.Text type="secondary">{e.entityId}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('requestId'),
            dataIndex: 'requestId',
            render: (v: string | null) =>
              v === null ? '—' : <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text>,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="audit-newer"
        >
          {t('newer')}
        </Button>
        <Button
          disabled={page.data?.nextBeforeSeq == null}
          onClick={() => {
            const next = page.data?.nextBeforeSeq;
            if (next != null) setCursors((c) => [...c, next]);
          }}
          data-testid="audit-older"
        >
          {t('older')}
        </Button>
        <Typography.Text type="secondary">{t('pageNo', { page: cursors.length })}</Typography.Text>
      </Space>
    </>
  );
}
