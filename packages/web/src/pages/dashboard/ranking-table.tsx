import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useMemo } from 'react';
import { useFormat, useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import type { RankingRow } from './dashboard-api';
import { messages } from './messages';

const GRADE_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'gold', D: 'red' };

/** Rank change: up is good (a smaller rank). */
function Change({ row, newLabel }: { row: RankingRow; newLabel: string }) {
  if (row.previousRank === null) return <Tag>{newLabel}</Tag>;
  const d = row.previousRank - row.rank;
  if (d > 0)
    return (
      <span style={{ color: '#389e0d' }} data-change={d}>
        <ArrowUpOutlined /> {d}
      </span>
    );
  if (d < 0)
    return (
      <span style={{ color: '#cf1322' }} data-change={d}>
        <ArrowDownOutlined /> {-d}
      </span>
    );
  return (
    <span style={{ color: '#8c8c8c' }} data-change={0}>
      <MinusOutlined />
    </span>
  );
}

/** The 5–95 % rank interval as a bar over the class (rank 1 at the left), the actual rank as a line. */
function IntervalBar({ row }: { row: RankingRow }) {
  if (row.p05 === null || row.p95 === null) return <span style={{ color: '#bfbfbf' }}>—</span>;
  const span = Math.max(1, row.classSize - 1);
  const at = (rank: number) => `${((rank - 1) / span) * 100}%`;
  const width = `${(Math.max(0, row.p95 - row.p05) / span) * 100}%`;
  return (
    <Tooltip title={`${row.p05}–${row.p95}`}>
      <div
        data-testid="interval-bar"
        style={{ position: 'relative', height: 12, width: 160, background: '#f0f0f0', borderRadius: 6 }}
      >
        <div
          style={{
            position: 'absolute',
            left: at(row.p05),
            width,
            minWidth: 3,
            top: 2,
            bottom: 2,
            background: '#69b1ff',
            borderRadius: 4,
          }}
        />
        <div
          style={{
            position: 'absolute',
            left: at(row.rank),
            top: 0,
            bottom: 0,
            width: 2,
            background: '#0958d9',
          }}
        />
      </div>
    </Tooltip>
  );
}

interface RankingTableProps {
  rows: readonly RankingRow[];
  classNames: ReadonlyMap<string, string>;
  highlight?: string | undefined;
  height: number;
}

/**
 * The ranking, virtualised (only the rows in view are in the page), so that 27,000 units scroll smoothly.
 * Sorted by the server's order (class, rank) unless a column header says otherwise; names by the locale's
 * collation (pinyin in zh-CN). Memoised: a table of 27,000 rows is not re-rendered when a chart's data comes.
 */
export const RankingTable = memo(function RankingTable({
  rows,
  classNames,
  highlight,
  height,
}: RankingTableProps) {
  const t = useT(messages);
  const f = useFormat();
  const { locale } = useLocale();
  // Made once per locale: rows are rendered as they scroll into view, and a formatter per cell costs frames.
  const nf = useMemo(
    () => ({
      whole: new Intl.NumberFormat(locale),
      two: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    }),
    [locale],
  );
  const columns = useMemo<ColumnsType<RankingRow>>(
    () => [
      {
        title: t('rank'),
        dataIndex: 'rank',
        width: 90,
        sorter: (a, b) => a.index - b.index,
        render: (_, r) => `${nf.whole.format(r.rank)} / ${nf.whole.format(r.classSize)}`,
      },
      {
        title: t('unit'),
        dataIndex: 'unitName',
        width: 220,
        ellipsis: true,
        sorter: (a, b) => f.compareUnitNames(a.unitName, b.unitName),
      },
      { title: t('unitCode'), dataIndex: 'unitCode', width: 130 },
      {
        title: t('unitClass'),
        dataIndex: 'class',
        width: 110,
        render: (code: string) => classNames.get(code) ?? code,
      },
      {
        title: t('total'),
        dataIndex: 'total',
        width: 90,
        align: 'right',
        sorter: (a, b) => a.total - b.total,
        render: (v: number) => nf.two.format(v),
      },
      {
        title: t('grade'),
        dataIndex: 'grade',
        width: 70,
        render: (g: string) => <Tag color={GRADE_COLOURS[g]}>{g}</Tag>,
      },
      {
        title: t('change'),
        key: 'change',
        width: 110,
        sorter: (a, b) =>
          (b.previousRank === null ? 0 : b.previousRank - b.rank) -
          (a.previousRank === null ? 0 : a.previousRank - a.rank),
        render: (_, r) => <Change row={r} newLabel={t('newEntry')} />,
      },
      { title: t('interval'), key: 'interval', width: 190, render: (_, r) => <IntervalBar row={r} /> },
    ],
    [t, f, nf, classNames],
  );
  return (
    <div data-testid="ranking-table">
      <Table<RankingRow>
        virtual
        size="small"
        rowKey="unitCode"
        columns={columns}
        dataSource={rows as RankingRow[]}
        pagination={false}
        scroll={{ x: 1010, y: height }}
        rowClassName={(r) => (r.unitCode === highlight ? 'ant-table-row-selected' : '')}
      />
    </div>
  );
});
