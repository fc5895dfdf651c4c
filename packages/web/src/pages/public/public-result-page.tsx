import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { PageLoading } from '../../layout/page-loading';
import type { Legend, RankingPage, RankingRow, Snapshot } from '../results/result-types';
import { downloadFile } from './download-file';
import { GradeTag } from './explanation-view';
import { messages } from './messages';
import { useLoad } from './use-load';

const PAGE_SIZE = 50;
const WIDE = '(min-width: 768px)';

/** Whether the window is at least tablet-wide, following resizes. */
function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const changed = () => setWide(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return wide;
}

/** A published result: its ranking per class with grades, searchable by name, in rank or pinyin order. */
export function PublicResultPage() {
  const t = useT(messages);
  const { message } = App.useApp();
  const f = useFormat();
  const { id = '' } = useParams();
  // On a phone the filters stack, label above control, so that nothing is wider than the screen.
  const wide = useWide();
  const base = `/api/public/results/${encodeURIComponent(id)}`;
  const head = useLoad(`head/${id}`, async (signal) => {
    const [snapshot, legend] = await Promise.all([
      api.get<Snapshot>(base, undefined, signal),
      api.get<Legend>(`${base}/legend`, undefined, signal),
    ]);
    return { snapshot, legend };
  });
  const [chosenClass, setChosenClass] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [order, setOrder] = useState<'rank' | 'name'>('rank');
  const [page, setPage] = useState(1);
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);

  const legend = head.state.status === 'ready' ? head.state.data.legend : undefined;
  const cls = chosenClass ?? legend?.classes[0]?.code;
  const rows = useLoad(cls === undefined ? null : `${id}/${cls}/${q}/${order}/${page}`, (signal) =>
    api.get<RankingPage>(
      `${base}/search`,
      { class: cls, q: q === '' ? undefined : q, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      signal,
    ),
  );

  const columns = useMemo<ColumnsType<RankingRow>>(
    () => [
      { title: t('colRank'), dataIndex: 'rank', key: 'rank', width: 80, align: 'right' },
      {
        title: t('colUnit'),
        dataIndex: 'unitName',
        key: 'unitName',
        render: (name: string, r) => (
          <Link to={`/public/results/${encodeURIComponent(id)}/units/${encodeURIComponent(r.unitCode)}`}>
            {name}
          </Link>
        ),
      },
      { title: t('colCode'), dataIndex: 'unitCode', key: 'unitCode' },
      {
        title: t('colTotal'),
        dataIndex: 'total',
        key: 'total',
        align: 'right',
        render: (v: number) => f.decimals(v, 2),
      },
      {
        title: t('colGrade'),
        dataIndex: 'grade',
        key: 'grade',
        render: (g: string) => <GradeTag grade={g} />,
      },
      ...(legend?.dimensions ?? []).map((d) => ({
        title: d.name,
        key: `d-${d.code}`,
        align: 'right' as const,
        render: (_: unknown, r: RankingRow) =>
          r.dimensions[d.code] === undefined ? '—' : f.decimals(r.dimensions[d.code]!, 2),
      })),
    ],
    [t, f, id, legend],
  );

  if (head.state.status === 'loading') return <PageLoading />;
  if (head.state.status === 'error')
    return (
      <Alert
        type="error"
        showIcon
        message={
          head.state.error.status === 404
            ? t('notFoundResult')
            : t('loadFailed', { detail: head.state.error.detail })
        }
        action={<Link to="/public">{t('backToList')}</Link>}
      />
    );
  const { snapshot } = head.state.data;
  const className = legend?.classes.find((c) => c.code === cls)?.name ?? cls ?? '';
  const download = async (kind: 'csv' | 'xlsx') => {
    setDownloading(kind);
    try {
      await downloadFile(`${base}/rankings.${kind}`, `${snapshot.plan}-${snapshot.period}.${kind}`);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.detail : String(error));
    } finally {
      setDownloading(null);
    }
  };
  const total = rows.state.status === 'ready' ? (rows.state.data.total ?? rows.state.data.items.length) : 0;

  return (
    <>
      <Breadcrumb
        items={[{ title: <Link to="/public">{t('backToList')}</Link> }, { title: snapshot.period }]}
      />
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 12 }}>
        {legend?.planName ?? snapshot.plan} · {snapshot.period}
      </Typography.Title>
      {snapshot.correctionReason ? (
        <Alert type="info" showIcon message={t('correctionOf', { reason: snapshot.correctionReason })} />
      ) : null}
      <Form
        layout={wide ? 'inline' : 'vertical'}
        {...(wide ? {} : { labelCol: { span: 24 }, wrapperCol: { span: 24 } })}
        style={{ margin: '16px 0', rowGap: 8 }}
        onSubmitCapture={(e) => e.preventDefault()}
      >
        <Form.Item label={t('classLabel')} htmlFor="public-class">
          <Select
            id="public-class"
            style={{ minWidth: 160 }}
            value={cls}
            onChange={(v: string) => {
              setChosenClass(v);
              setPage(1);
            }}
            options={(legend?.classes ?? []).map((c) => ({
              value: c.code,
              label: `${c.name} (${f.number(c.size)})`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('searchLabel')} htmlFor="public-search">
          <Input.Search
            id="public-search"
            allowClear
            placeholder={t('searchPlaceholder')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: wide ? 240 : 220 }}
          />
        </Form.Item>
        <Form.Item label={t('orderLabel')} htmlFor="public-order">
          <Select
            id="public-order"
            style={{ minWidth: 140 }}
            value={order}
            onChange={(v: 'rank' | 'name') => {
              setOrder(v);
              setPage(1);
            }}
            options={[
              { value: 'rank', label: t('orderRank') },
              { value: 'name', label: t('orderName') },
            ]}
          />
        </Form.Item>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'csv'}
            onClick={() => void download('csv')}
          >
            {t('downloadCsv')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'xlsx'}
            onClick={() => void download('xlsx')}
          >
            {t('downloadExcel')}
          </Button>
        </Space>
      </Form>
      {rows.state.status === 'error' ? (
        <Alert type="error" showIcon message={t('loadFailed', { detail: rows.state.error.detail })} />
      ) : null}
      <Table<RankingRow>
        aria-label={t('rankingCaption', { className, count: f.number(total) })}
        title={() => t('rankingCaption', { className, count: f.number(total) })}
        rowKey="unitCode"
        size="small"
        loading={rows.state.status === 'loading'}
        dataSource={rows.state.status === 'ready' ? rows.state.data.items : []}
        columns={columns}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('pageOf', { total: f.number(n) }),
        }}
      />
    </>
  );
}
