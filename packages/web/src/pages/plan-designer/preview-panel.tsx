import { ExperimentOutlined } from '@ant-design/icons';
import type { Plan } from '@xiaoneng/engine';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { type PlanPreview, type PreviewClass, planApi } from './plan-api';
import { ProblemAlert } from './problem-alert';

interface UnitRow {
  key: string;
  code: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  publishedTotal: number | null;
  publishedRank: number | null;
}

function unitRows(c: PreviewClass): UnitRow[] {
  return c.columns.code.map((code, i) => ({
    key: code,
    code,
    name: c.columns.name[i] ?? '',
    total: c.columns.total[i] ?? 0,
    rank: c.columns.rank[i] ?? 0,
    grade: c.columns.grade[i] ?? '',
    publishedTotal: c.columns.publishedTotal[i] ?? null,
    publishedRank: c.columns.publishedRank[i] ?? null,
  }));
}

function Delta({ value, digits, invert }: { value: number | null; digits: number; invert?: boolean }) {
  const fmt = useFormat();
  if (value === null) return <span>—</span>;
  if (Math.abs(value) < 10 ** -digits / 2) return <span style={{ opacity: 0.5 }}>0</span>;
  const better = invert ? value < 0 : value > 0;
  return (
    <span style={{ color: better ? '#389e0d' : '#cf1322' }}>
      {value > 0 ? '+' : ''}
      {fmt.decimals(value, digits)}
    </span>
  );
}

/**
 * 预览: the document being edited scored on the latest period's approved values, per class, beside the
 * published version's scores on the same values. Nothing is stored.
 */
export function PreviewPanel({ code, number, doc }: { code: string; number: number; doc: Plan }) {
  const t = useT(messages);
  const fmt = useFormat();
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'error'; error: unknown }
    | { status: 'ready'; data: PlanPreview }
  >({ status: 'idle' });

  const run = async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await planApi.preview(code, number, doc) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="preview-panel">
      <Space wrap>
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          loading={state.status === 'loading'}
          onClick={run}
          data-testid="run-preview"
        >
          {t('runPreview')}
        </Button>
        <Typography.Text type="secondary">{t('previewHelp')}</Typography.Text>
      </Space>
      {state.status === 'error' && <ProblemAlert error={state.error} testId="preview-problem" />}
      {state.status === 'ready' && (
        <div data-testid="preview-result">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('previewPeriod')}>
              <span data-testid="preview-period">{state.data.period}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('previewValues')}>{fmt.number(state.data.values)}</Descriptions.Item>
            <Descriptions.Item label={t('comparedWith')}>
              {state.data.comparedWith === null
                ? t('noPublished')
                : t('versionN', { n: state.data.comparedWith })}
            </Descriptions.Item>
          </Descriptions>
          {state.data.classes.map((c) => (
            <Card
              key={c.code}
              size="small"
              style={{ marginBottom: 12 }}
              title={`${c.name} (${c.code})`}
              data-testid={`preview-class-${c.code}`}
            >
              <Row gutter={16}>
                <Col xs={12} md={4}>
                  <Statistic title={t('unitsScored')} value={c.units} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('meanTotal')} value={c.mean === null ? '—' : fmt.decimals(c.mean, 2)} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('minTotal')} value={c.min === null ? '—' : fmt.decimals(c.min, 2)} />
                </Col>
                <Col xs={12} md={4}>
                  <Statistic title={t('maxTotal')} value={c.max === null ? '—' : fmt.decimals(c.max, 2)} />
                </Col>
                <Col xs={24} md={8}>
                  <div style={{ marginBottom: 4, opacity: 0.7 }}>{t('gradeCounts')}</div>
                  <Space wrap>
                    {Object.entries(c.grades).map(([g, n]) => (
                      <Tag key={g} data-testid={`preview-grade-${c.code}-${g}`}>
                        {g}: {n}
                      </Tag>
                    ))}
                  </Space>
                </Col>
              </Row>
              <Table<UnitRow>
                size="small"
                style={{ marginTop: 12 }}
                dataSource={unitRows(c)}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                columns={[
                  { title: t('rank'), dataIndex: 'rank', width: 70 },
                  { title: t('unit'), key: 'unit', render: (_, r) => `${r.name} (${r.code})` },
                  {
                    title: t('total'),
                    dataIndex: 'total',
                    width: 100,
                    render: (v: number) => fmt.decimals(v, 2),
                  },
                  { title: t('grade'), dataIndex: 'grade', width: 70 },
                  {
                    title: t('publishedTotal'),
                    dataIndex: 'publishedTotal',
                    width: 110,
                    render: (v: number | null) => (v === null ? '—' : fmt.decimals(v, 2)),
                  },
                  {
                    title: t('totalChange'),
                    key: 'dt',
                    width: 100,
                    render: (_, r) => (
                      <Delta
                        value={r.publishedTotal === null ? null : r.total - r.publishedTotal}
                        digits={2}
                      />
                    ),
                  },
                  {
                    title: t('rankChange'),
                    key: 'dr',
                    width: 100,
                    render: (_, r) => (
                      <Delta
                        value={r.publishedRank === null ? null : r.rank - r.publishedRank}
                        digits={0}
                        invert
                      />
                    ),
                  },
                ]}
              />
            </Card>
          ))}
          {state.data.classes.length === 0 && <Alert type="info" title={t('previewEmpty')} />}
        </div>
      )}
    </Space>
  );
}
