import { Form, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { GradeTag } from '../public/explanation-view';
import { messages as publicMessages } from '../public/messages';
import { useLoad } from '../public/use-load';
import { messages } from './messages';
import type { Legend, RankingPage, RankingRow } from './result-types';

const PAGE_SIZE = 20;

/** The first pages of a snapshot's ranking per class, before and after publication. */
export function RankingPreview({ snapshotId }: { snapshotId: string }) {
  const t = useT(messages);
  const tp = useT(publicMessages);
  const f = useFormat();
  const base = `/api/results/${encodeURIComponent(snapshotId)}`;
  const legend = useLoad(`legend/${snapshotId}`, (signal) =>
    api.get<Legend>(`${base}/legend`, undefined, signal),
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const classes = legend.state.status === 'ready' ? legend.state.data.classes : [];
  const dims = legend.state.status === 'ready' ? legend.state.data.dimensions : [];
  const cls = chosen ?? classes[0]?.code;
  const rows = useLoad(cls === undefined ? null : `${snapshotId}/${cls}/${page}`, (signal) =>
    api.get<RankingPage>(
      `${base}/rankings`,
      { class: cls, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      signal,
    ),
  );
  const data = rows.state.status === 'ready' ? rows.state.data : undefined;
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('classLabel')} htmlFor="preview-class">
          <Select
            id="preview-class"
            style={{ minWidth: 180 }}
            value={cls}
            onChange={(v: string) => {
              setChosen(v);
              setPage(1);
            }}
            options={classes.map((c) => ({ value: c.code, label: `${c.name} (${f.number(c.size)})` }))}
          />
        </Form.Item>
      </Form>
      <Table<RankingRow>
        aria-label={t('previewTitle')}
        rowKey="unitCode"
        size="small"
        loading={rows.state.status === 'loading'}
        dataSource={data?.items ?? []}
        scroll={{ x: 700 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? classes.find((c) => c.code === cls)?.size ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: tp('colRank'), dataIndex: 'rank', key: 'rank', width: 60, align: 'right' },
          { title: t('colUnit'), dataIndex: 'unitName', key: 'unitName' },
          {
            title: tp('colTotal'),
            dataIndex: 'total',
            key: 'total',
            align: 'right',
            render: (v: number) => f.decimals(v, 2),
          },
          {
            title: tp('colGrade'),
            dataIndex: 'grade',
            key: 'grade',
            render: (g: string) => <GradeTag grade={g} />,
          },
          ...dims.map((d) => ({
            title: d.name,
            key: `d-${d.code}`,
            align: 'right' as const,
            render: (_: unknown, r: RankingRow) =>
              r.dimensions[d.code] === undefined ? '—' : f.decimals(r.dimensions[d.code]!, 2),
          })),
        ]}
      />
    </>
  );
}
