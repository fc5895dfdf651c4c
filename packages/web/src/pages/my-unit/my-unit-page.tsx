import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  List,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../auth/session-provider';
import { useFormat, useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { PageLoading } from '../../layout/page-loading';
import { ExplanationView, GradeTag } from '../public/explanation-view';
import { type PublicKey, messages as publicMessages } from '../public/messages';
import { useLoad } from '../public/use-load';
import {
  type AdvisedIndicator,
  type Appeal,
  LIGHT_COLOR,
  type Light,
  type Snapshot,
  STATE_COLOR,
  snapshotState,
  type UnitAdvice,
  type UnitDetail,
} from '../results/result-types';
import { AppealModal } from './appeal-modal';
import { type MyUnitKey, messages } from './messages';

function LightDot({ light, label }: { light: Light; label: string }) {
  return (
    <Tag color={LIGHT_COLOR[light]} aria-label={label}>
      ● {label}
    </Tag>
  );
}

/**
 * 本单位: a unit leader's own result — total, rank and grade, lights and warnings, the gaps that would win
 * back the most points, ± 5 neighbours, the full explanation, and appeals during the notice period.
 */
export function MyUnitPage() {
  const t = useT(messages);
  const tp = useT(publicMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const me = useMe();
  const unitCode = me.unitCode;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [appealing, setAppealing] = useState(false);

  const list = useLoad(unitCode === null ? null : 'my-results', (signal) =>
    api.get<{ items: Snapshot[] }>('/api/results', { limit: 100 }, signal),
  );
  const snapshots =
    list.state.status === 'ready' ? list.state.data.items.filter((s) => s.status !== 'draft') : [];
  const current =
    snapshots.find((s) => s.id === chosen) ?? snapshots.find((s) => s.status === 'published') ?? snapshots[0];
  const base = current ? `/api/results/${encodeURIComponent(current.id)}` : '';
  const unit = encodeURIComponent(unitCode ?? '');
  const detail = useLoad(
    current && unitCode ? `${current.id}/${unitCode}/${locale}` : null,
    async (signal) => {
      const [d, advice, appeals] = await Promise.all([
        api.get<UnitDetail>(`${base}/units/${unit}`, undefined, signal),
        api.get<UnitAdvice>(`${base}/units/${unit}/advice`, undefined, signal),
        api.get<{ items: Appeal[] }>(`${base}/appeals`, undefined, signal),
      ]);
      return { detail: d, advice, appeals: appeals.items.filter((a) => a.unitCode === unitCode) };
    },
  );

  const title = (
    <Typography.Title level={2} style={{ marginTop: 0 }}>
      {t('myUnitTitle')}
    </Typography.Title>
  );
  if (unitCode === null)
    return (
      <>
        {title}
        <Alert type="info" showIcon message={t('noUnit')} />
      </>
    );
  if (list.state.status === 'loading') return <PageLoading />;
  if (list.state.status === 'error')
    return (
      <>
        {title}
        <Alert
          type={list.state.error.status === 403 ? 'info' : 'error'}
          showIcon
          message={
            list.state.error.status === 403
              ? t('notAllowed')
              : t('loadFailed', { detail: list.state.error.detail })
          }
        />
      </>
    );
  if (current === undefined)
    return (
      <>
        {title}
        <Empty description={t('noResult')} />
      </>
    );

  const state = snapshotState(current);
  const pts = (x: number) => f.decimals(x, 2);
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : f.number(x));
  const lightLabel = (l: Light) => t(`light_${l}` as MyUnitKey);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        {title}
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('snapshotLabel')} htmlFor="my-unit-snapshot">
            <Select
              id="my-unit-snapshot"
              style={{ minWidth: 280 }}
              value={current.id}
              onChange={(v: string) => setChosen(v)}
              options={snapshots.map((s) => ({
                value: s.id,
                label: t('snapshotOption', {
                  plan: s.plan,
                  period: s.period,
                  state: tp(`state_${snapshotState(s)}` as PublicKey),
                }),
              }))}
            />
          </Form.Item>
          <Tag color={STATE_COLOR[state]}>{tp(`state_${state}` as PublicKey)}</Tag>
        </Form>
        {state === 'notice' && current.noticeEndsAt ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('noticeEnds', { date: f.dateTime(current.noticeEndsAt) })}
          </Typography.Paragraph>
        ) : null}
        {state === 'final' ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('finalNote')}
          </Typography.Paragraph>
        ) : null}
      </div>

      {detail.state.status === 'loading' ? <PageLoading /> : null}
      {detail.state.status === 'error' ? (
        <Alert type="error" showIcon message={t('loadFailed', { detail: detail.state.error.detail })} />
      ) : null}
      {detail.state.status === 'ready'
        ? (() => {
            const { detail: d, advice: a, appeals } = detail.state.data;
            const e = d.explanation;
            return (
              <>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {e.unit.name} · {e.period}
                </Typography.Title>
                <Row gutter={[16, 16]}>
                  <Col xs={24} sm={8}>
                    <Card>
                      <Statistic title={t('total')} value={pts(d.figures.total)} />
                      {a.toNextGrade ? (
                        <Typography.Text type="secondary">
                          {t('toNextGrade', {
                            grade: tp(`grade_${a.toNextGrade.grade}` as PublicKey),
                            min: num(a.toNextGrade.min),
                            points: pts(a.toNextGrade.points),
                          })}
                        </Typography.Text>
                      ) : null}
                    </Card>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Card>
                      <Statistic
                        title={`${t('rank')} · ${e.className}`}
                        value={t('rankOf', { rank: d.figures.rank, size: d.figures.classSize })}
                      />
                      <Typography.Text type="secondary">
                        {a.toNextRank
                          ? t('toNextRank', {
                              rank: a.toNextRank.rank,
                              unit: a.toNextRank.unitName,
                              points: pts(a.toNextRank.points),
                            })
                          : t('topOfClass')}
                      </Typography.Text>
                    </Card>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Card>
                      <Statistic
                        title={t('grade')}
                        valueRender={() => <GradeTag grade={d.figures.grade} />}
                      />
                    </Card>
                  </Col>
                </Row>

                <Row gutter={[16, 16]}>
                  <Col xs={24} md={12}>
                    <Card title={t('lightsTitle')} size="small">
                      <Space wrap>
                        {(['red', 'yellow', 'green'] as const).map((l) => (
                          <LightDot
                            key={l}
                            light={l}
                            label={t('lightCount', { light: lightLabel(l), count: a.lights[l] })}
                          />
                        ))}
                      </Space>
                      <Typography.Title level={5} style={{ marginTop: 12 }}>
                        {t('dimensionsTitle')}
                      </Typography.Title>
                      <List
                        size="small"
                        dataSource={a.dimensions}
                        renderItem={(dim) => (
                          <List.Item>
                            <LightDot light={dim.light} label={lightLabel(dim.light)} />
                            <span style={{ flex: 1 }}>{dim.name}</span>
                            <span>
                              {pts(dim.points)} / {pts(dim.fullPoints)}
                            </span>
                          </List.Item>
                        )}
                      />
                    </Card>
                  </Col>
                  <Col xs={24} md={12}>
                    <Card title={t('warningsTitle')} size="small">
                      {a.warnings.length === 0 ? (
                        <Typography.Text>{t('noWarnings')}</Typography.Text>
                      ) : (
                        <ul
                          aria-label={t('warningsTitle')}
                          style={{ paddingInlineStart: 0, listStyle: 'none' }}
                        >
                          {a.warnings.map((w, i) => (
                            <li key={`${w.code}-${w.subject?.code ?? i}`} style={{ marginBottom: 6 }}>
                              <LightDot light={w.level} label={lightLabel(w.level)} />
                              {t(`warn_${w.code}` as MyUnitKey, {
                                name: w.subject?.name ?? '',
                                points: pts(w.points ?? 0),
                                byScore: w.gradeByScore ? tp(`grade_${w.gradeByScore}` as PublicKey) : '',
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </Card>
                  </Col>
                </Row>

                <Card title={t('nextTitle')} size="small">
                  {a.nextSteps.length === 0 ? (
                    t('noNext')
                  ) : (
                    <>
                      <Typography.Paragraph>{t('nextIntro')}</Typography.Paragraph>
                      <ol aria-label={t('nextTitle')}>
                        {a.nextSteps.map((s) => (
                          <li key={`${s.kind}-${s.subject.code}`}>
                            {t(`next_${s.kind}` as MyUnitKey, {
                              name: s.subject.name,
                              points: pts(s.points),
                              raw: num(s.raw),
                              target: `${num(s.target)}${s.unit ? ` ${s.unit}` : ''}`,
                              gap: num(s.gapToTarget),
                            })}
                          </li>
                        ))}
                      </ol>
                    </>
                  )}
                </Card>

                <Card title={t('gapsTitle')} size="small">
                  <Table<AdvisedIndicator>
                    aria-label={t('gapsTitle')}
                    rowKey="code"
                    size="small"
                    dataSource={a.indicators}
                    pagination={a.indicators.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    scroll={{ x: 800 }}
                    columns={[
                      { title: t('colIndicator'), dataIndex: 'name', key: 'name' },
                      {
                        title: t('colDimension'),
                        key: 'dim',
                        render: (_, r) => r.dimension.name,
                      },
                      {
                        title: t('colLight'),
                        dataIndex: 'light',
                        key: 'light',
                        render: (l: Light) => <LightDot light={l} label={lightLabel(l)} />,
                      },
                      {
                        title: t('colPoints'),
                        key: 'points',
                        align: 'right',
                        render: (_, r) => `${pts(r.points)} / ${pts(r.fullPoints)}`,
                      },
                      {
                        title: t('colRecoverable'),
                        dataIndex: 'recoverable',
                        key: 'recoverable',
                        align: 'right',
                        render: (v: number) => pts(v),
                      },
                      {
                        title: t('colValue'),
                        key: 'raw',
                        align: 'right',
                        render: (_, r) => `${num(r.raw)}${r.unit && r.raw !== null ? ` ${r.unit}` : ''}`,
                      },
                      {
                        title: t('colTarget'),
                        key: 'target',
                        align: 'right',
                        render: (_, r) => num(r.target),
                      },
                      {
                        title: t('colGap'),
                        key: 'gap',
                        align: 'right',
                        render: (_, r) =>
                          r.gapToTarget === undefined ? '—' : r.gapToTarget > 0 ? num(r.gapToTarget) : '✓',
                      },
                    ]}
                  />
                </Card>

                <ExplanationView explanation={e} text={d.text} />

                <Card
                  title={t('appealsTitle')}
                  size="small"
                  extra={
                    state === 'notice' ? (
                      <Button type="primary" onClick={() => setAppealing(true)}>
                        {t('fileAppeal')}
                      </Button>
                    ) : null
                  }
                >
                  {state !== 'notice' ? (
                    <Typography.Paragraph type="secondary">{t('appealClosed')}</Typography.Paragraph>
                  ) : null}
                  {appeals.length === 0 ? (
                    <Typography.Text>{t('appealNoneYet')}</Typography.Text>
                  ) : (
                    <List
                      aria-label={t('appealsTitle')}
                      dataSource={appeals}
                      renderItem={(ap) => (
                        <List.Item>
                          <List.Item.Meta
                            title={
                              <Space>
                                <Tag
                                  color={
                                    ap.status === 'accepted'
                                      ? 'green'
                                      : ap.status === 'rejected'
                                        ? 'red'
                                        : 'blue'
                                  }
                                >
                                  {t(`appealStatus_${ap.status}` as MyUnitKey)}
                                </Tag>
                                <Typography.Text type="secondary">
                                  {t('appealFiledAt', { date: f.dateTime(ap.filedAt) })}
                                </Typography.Text>
                              </Space>
                            }
                            description={
                              <>
                                <div style={{ whiteSpace: 'pre-wrap' }}>{ap.reasons}</div>
                                {ap.reply ? <div>{t('appealReply', { reply: ap.reply })}</div> : null}
                              </>
                            }
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
                <AppealModal
                  open={appealing}
                  snapshotId={current.id}
                  unitCode={unitCode}
                  onClose={() => setAppealing(false)}
                  onFiled={() => {
                    setAppealing(false);
                    detail.reload();
                  }}
                />
              </>
            );
          })()
        : null}
    </Space>
  );
}
