import type { EngineIssue, IndicatorNode, Plan, UnitClass } from '@xiaoneng/engine';
import { Card, Checkbox, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { NodeIssues } from './node-form';
import { classLevels, isGroup, resultShare, sumsToOne } from './plan-tree';
import { SumTag } from './tree-editor';

interface Row {
  key: string;
  code: string;
  name: string;
  depth: number;
  weight: number;
  parent: string;
}

function rowsOf(tree: readonly IndicatorNode[]): Row[] {
  const out: Row[] = [];
  const walk = (nodes: readonly IndicatorNode[], depth: number, parent: string) => {
    for (const n of nodes) {
      out.push({ key: n.code, code: n.code, name: n.name, depth, weight: n.weight, parent });
      if (isGroup(n)) walk(n.children, depth + 1, n.code);
    }
  };
  walk(tree, 0, '');
  return out;
}

/**
 * 分类考核: per unit class, the weights it uses instead of its tree's and the nodes it does not assess, with
 * the Σ of every level after the changes (a level that lost nodes is re-normalised by the engine) and the
 * class's result share; the engine's problems with the class above its table.
 */
export function ClassOverrides({
  doc,
  issues,
  readOnly,
  onChange,
}: {
  doc: Plan;
  issues: readonly EngineIssue[];
  readOnly: boolean;
  onChange: (next: Plan) => void;
}) {
  const t = useT(messages);
  const fmt = useFormat();
  const setClass = (i: number, cls: UnitClass) =>
    onChange({ ...doc, classes: doc.classes.map((c, k) => (k === i ? cls : c)) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="class-overrides">
      {doc.classes.map((cls, i) => {
        const tree = cls.tree ?? doc.tree;
        const levels = classLevels(doc, cls);
        const sumOf = new Map(levels.map((l) => [l.parent, l]));
        const share = resultShare(tree, cls);
        const own = issues.filter((x) => x.path[0] === 'classes' && x.path[1] === i);
        const excluded = new Set(cls.exclude ?? []);
        return (
          <Card
            key={cls.code}
            size="small"
            data-testid={`class-${cls.code}`}
            title={
              <Space wrap>
                <span>
                  {cls.name} <Typography.Text code>{cls.code}</Typography.Text>
                </span>
                {cls.tree !== undefined && <Tag color="purple">{t('ownTree')}</Tag>}
                <Tag color={share >= 0.6 - 1e-9 ? 'green' : 'orange'} data-testid={`class-share-${cls.code}`}>
                  {t('resultShare', { share: fmt.percent(share, 2) })}
                </Tag>
              </Space>
            }
          >
            <NodeIssues issues={own} testId={`class-issues-${cls.code}`} />
            <Table<Row>
              size="small"
              pagination={false}
              dataSource={rowsOf(tree)}
              columns={[
                {
                  title: t('node'),
                  key: 'node',
                  render: (_, r) => (
                    <span style={{ paddingLeft: r.depth * 16 }}>
                      {r.name} <Typography.Text type="secondary">{r.code}</Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('treeWeight'),
                  dataIndex: 'weight',
                  width: 100,
                  render: (w: number) => fmt.number(w),
                },
                {
                  title: t('classWeight'),
                  key: 'override',
                  width: 140,
                  render: (_, r) => (
                    <InputNumber
                      size="small"
                      data-testid={`class-weight-${cls.code}-${r.code}`}
                      min={0}
                      step={0.05}
                      disabled={readOnly || excluded.has(r.code)}
                      placeholder={fmt.number(r.weight, { maximumFractionDigits: 6 })}
                      value={cls.weights?.[r.code] ?? null}
                      onChange={(v) => {
                        const weights = { ...(cls.weights ?? {}) };
                        if (typeof v === 'number') weights[r.code] = v;
                        else delete weights[r.code];
                        const { weights: _w, ...rest } = cls;
                        setClass(i, Object.keys(weights).length > 0 ? { ...rest, weights } : rest);
                      }}
                    />
                  ),
                },
                {
                  title: t('excludeNode'),
                  key: 'exclude',
                  width: 90,
                  render: (_, r) => (
                    <Checkbox
                      disabled={readOnly}
                      checked={excluded.has(r.code)}
                      onChange={(e) => {
                        const next = new Set(excluded);
                        if (e.target.checked) next.add(r.code);
                        else next.delete(r.code);
                        const { exclude: _x, ...rest } = cls;
                        setClass(i, next.size > 0 ? { ...rest, exclude: [...next] } : rest);
                      }}
                    />
                  ),
                },
                {
                  title: t('levelSum'),
                  key: 'sum',
                  width: 160,
                  render: (_, r) => {
                    const level = sumOf.get(r.code);
                    if (level === undefined) return null;
                    return level.renormalised ? (
                      <Tag>{t('renormalised')}</Tag>
                    ) : (
                      <SumTag sum={level.sum} testId={`class-sum-${cls.code}-${r.code}`} />
                    );
                  },
                },
              ]}
              footer={() => {
                const top = sumOf.get('');
                if (top === undefined) return null;
                return (
                  <Space>
                    <span>{t('dimensions')}</span>
                    {top.renormalised ? (
                      <Tag>{t('renormalised')}</Tag>
                    ) : (
                      <SumTag sum={top.sum} testId={`class-sum-${cls.code}-root`} />
                    )}
                    {!top.renormalised && !sumsToOne(top.sum) && (
                      <Typography.Text type="danger">{t('mustAddUpToOne')}</Typography.Text>
                    )}
                  </Space>
                );
              }}
            />
          </Card>
        );
      })}
    </Space>
  );
}
