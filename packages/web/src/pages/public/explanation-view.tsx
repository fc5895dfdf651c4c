import { Card, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useFormat, useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import type { ExplainedNode, Explanation } from '../results/result-types';
import { messages, type PublicKey } from './messages';

interface Row extends Omit<ExplainedNode, 'children'> {
  key: string;
  children?: Row[];
}

function rowsOf(nodes: readonly ExplainedNode[], prefix = ''): Row[] {
  return nodes.map((n) => {
    const key = `${prefix}${n.code}`;
    const { children, ...rest } = n;
    return children && children.length > 0
      ? { ...rest, key, children: rowsOf(children, `${key}/`) }
      : { ...rest, key };
  });
}

/** The grade as a person reads it: "B · 良好". */
export function GradeTag({ grade }: { grade: string }) {
  const t = useT(messages);
  const color = grade === 'A' ? 'green' : grade === 'B' ? 'blue' : grade === 'C' ? 'gold' : 'red';
  const key = `grade_${grade}` as PublicKey;
  return (
    <Tag color={color}>
      {grade} · {t(key)}
    </Tag>
  );
}

/**
 * 得分说明: a unit's score from data to rank, as the engine explains it — every dimension and indicator
 * with its value and source, method, points and points lost, imputation and caps; then bonus, deduction,
 * veto, the grade's reason and the neighbours in the ranking.
 */
export function ExplanationView({ explanation: e, text }: { explanation: Explanation; text?: string }) {
  const t = useT(messages);
  const f = useFormat();
  const { locale } = useLocale();
  const rows = useMemo(() => rowsOf(e.tree), [e.tree]);
  const pts = (x: number) => f.decimals(x, 2);

  const columns: ColumnsType<Row> = [
    { title: t('colIndicator'), dataIndex: 'name', key: 'name', width: 260 },
    {
      title: t('colWeight'),
      dataIndex: 'weight',
      key: 'weight',
      align: 'right',
      render: (w: number) => f.percent(w, 1),
    },
    {
      title: t('colPoints'),
      key: 'points',
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {pts(r.points)} / {pts(r.fullPoints)}
        </span>
      ),
    },
    {
      title: t('colLost'),
      dataIndex: 'lost',
      key: 'lost',
      align: 'right',
      render: (lost: number) =>
        lost > 0.005 ? (
          <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
            −{pts(lost)}
          </Typography.Text>
        ) : (
          pts(0)
        ),
    },
    {
      title: t('colValue'),
      key: 'value',
      render: (_, r) =>
        r.leaf ? (
          <Space direction="vertical" size={0}>
            {r.leaf.inputs.map((i) => (
              <span key={`${i.element}-${i.period}`}>
                {i.name} [{i.period}] = {i.value === null ? '—' : f.number(i.value)}
                {i.source ? ` (${t(`source_${i.source}` as PublicKey)})` : ''}
              </span>
            ))}
            {r.leaf.target !== undefined ? (
              <Typography.Text type="secondary">
                {t('target', { value: f.number(r.leaf.target) })}
                {r.leaf.unit ? ` ${r.leaf.unit}` : ''}
              </Typography.Text>
            ) : null}
          </Space>
        ) : null,
    },
    {
      title: t('colMethod'),
      key: 'method',
      render: (_, r) => (r.leaf ? r.leaf.how[locale] : null),
    },
    {
      title: t('colFlags'),
      dataIndex: 'flags',
      key: 'flags',
      render: (flags: string[]) =>
        flags.map((fl) => (
          <Tag key={fl} color={fl === 'missing' || fl === 'zeroed' ? 'red' : 'orange'}>
            {t(`flag_${fl}` as PublicKey)}
          </Tag>
        )),
    },
  ];

  const neighbours = [
    ...e.neighbours,
    { code: e.unit.code, name: e.unit.name, total: e.total, rank: e.rank, self: true },
  ].sort((a, b) => a.rank - b.rank || (a.code === e.unit.code ? -1 : b.code === e.unit.code ? 1 : 0));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label={t('total')}>{pts(e.total)}</Descriptions.Item>
        <Descriptions.Item label={t('rank')}>
          {t('rankOf', { rank: e.rank, size: e.classSize })} · {e.className}
        </Descriptions.Item>
        <Descriptions.Item label={t('grade')}>
          <GradeTag grade={e.grade} />
          {e.gradeReason === 'veto' ? (
            <Typography.Text type="danger">{t('gradeByVeto')}</Typography.Text>
          ) : null}
          {e.gradeReason === 'quota' ? (
            <Typography.Text type="warning">
              {t('gradeByQuota', {
                byScore: t(`grade_${e.gradeByScore}` as PublicKey),
                grade: t(`grade_${e.grade}` as PublicKey),
              })}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('base')}>{pts(e.base)}</Descriptions.Item>
      </Descriptions>

      <Card title={t('explanationTitle')} size="small">
        <Table<Row>
          aria-label={t('explanationTitle')}
          columns={columns}
          dataSource={rows}
          pagination={false}
          size="small"
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 1000 }}
        />
      </Card>

      <Space wrap align="start" size="large">
        <Card title={t('bonusTitle')} size="small" style={{ minWidth: 240 }}>
          {e.bonus.length === 0
            ? t('none')
            : e.bonus.map((b) => (
                <div key={b.code}>
                  {b.name}: +{pts(b.points)}
                </div>
              ))}
        </Card>
        <Card title={t('deductionTitle')} size="small" style={{ minWidth: 240 }}>
          {e.deduction.length === 0
            ? t('none')
            : e.deduction.map((d) => (
                <div key={d.code}>
                  {d.name}: −{pts(Math.abs(d.points))}
                </div>
              ))}
        </Card>
        <Card title={t('vetoTitle')} size="small" style={{ minWidth: 240 }}>
          {e.vetoes.length === 0
            ? t('none')
            : e.vetoes.map((v) => (
                <Typography.Text key={v.code} type="danger">
                  {v.name}
                </Typography.Text>
              ))}
        </Card>
      </Space>

      <Card title={t('neighboursTitle')} size="small">
        <Table
          aria-label={t('neighboursTitle')}
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={neighbours}
          rowClassName={(r) => (r.code === e.unit.code ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('colRank'), dataIndex: 'rank', key: 'rank', width: 80 },
            {
              title: t('colUnit'),
              dataIndex: 'name',
              key: 'name',
              render: (name: string, r) =>
                r.code === e.unit.code ? (
                  <strong>
                    {name} · {t('thisUnit')}
                  </strong>
                ) : (
                  name
                ),
            },
            { title: t('colTotal'), dataIndex: 'total', key: 'total', align: 'right', render: pts },
          ]}
        />
      </Card>

      {text !== undefined ? (
        <Collapse
          items={[
            {
              key: 'text',
              label: t('explanationText'),
              children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</pre>,
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
