import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AdjustmentItem, EngineIssue, Grade, GradeThreshold, Plan, VetoItem } from '@xiaoneng/engine';
import { Button, Card, Input, InputNumber, Select, Space, Table } from 'antd';
import { useT } from '../../i18n/use-t';
import { FormulaInput } from './formula-input';
import { messages } from './messages';
import { NodeIssues } from './node-form';
import { freeCode } from './plan-tree';

const GRADES: Grade[] = ['A', 'B', 'C', 'D'];

type ListKey = 'bonus' | 'deduction';

/** A number cell that clears to "not set" instead of 0. */
function Num({
  value,
  onChange,
  disabled,
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  disabled: boolean;
}) {
  return (
    <InputNumber
      size="small"
      disabled={disabled}
      style={{ width: 100 }}
      value={value ?? null}
      onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
    />
  );
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * 加分、扣分、一票否决与等次: the items and their formulas (checked and completed like an indicator's), and
 * the grade thresholds with their quotas; the engine's problems with each list above it.
 */
export function AdjustmentsEditor({
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
  const issuesOf = (key: string) => issues.filter((i) => i.path[0] === key);

  const setList = (key: ListKey, items: AdjustmentItem[]) => {
    const { [key]: _old, ...rest } = doc;
    onChange(items.length === 0 ? (rest as Plan) : { ...doc, [key]: items });
  };
  const setVeto = (items: VetoItem[]) => {
    const { veto: _old, ...rest } = doc;
    onChange(items.length === 0 ? (rest as Plan) : { ...doc, veto: items });
  };
  const setThresholds = (thresholds: GradeThreshold[]) =>
    onChange({ ...doc, grading: { ...doc.grading, thresholds } });
  const setQuota = (grade: Grade, share: number | undefined) => {
    const quotas = { ...(doc.grading.quotas ?? {}) };
    if (share === undefined) delete quotas[grade];
    else quotas[grade] = share;
    const { quotas: _q, ...grading } = doc.grading;
    onChange({ ...doc, grading: Object.keys(quotas).length > 0 ? { ...grading, quotas } : grading });
  };

  const adjustmentCard = (key: ListKey, title: string) => {
    const items = doc[key] ?? [];
    const set = (i: number, patch: Partial<AdjustmentItem>) =>
      setList(
        key,
        items.map((x, k) => (k === i ? withoutUndefined({ ...x, ...patch }) : x)),
      );
    return (
      <Card
        size="small"
        title={title}
        data-testid={`${key}-items`}
        extra={
          !readOnly && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setList(key, [
                  ...items,
                  { code: freeCode(doc, key), name: '', formula: '', pointsPer: 1, cap: 1 },
                ])
              }
            >
              {t('addItem')}
            </Button>
          )
        }
      >
        <NodeIssues issues={issuesOf(key)} testId={`${key}-issues`} />
        <Table<AdjustmentItem & { index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          dataSource={items.map((x, index) => ({ ...x, index }))}
          columns={[
            {
              title: t('code'),
              key: 'code',
              width: 120,
              render: (_, x) => (
                <Input
                  size="small"
                  disabled={readOnly}
                  value={x.code}
                  onChange={(e) => set(x.index, { code: e.target.value })}
                />
              ),
            },
            {
              title: t('name'),
              key: 'name',
              width: 160,
              render: (_, x) => (
                <Input
                  size="small"
                  disabled={readOnly}
                  value={x.name}
                  onChange={(e) => set(x.index, { name: e.target.value })}
                />
              ),
            },
            {
              title: t('formula'),
              key: 'formula',
              render: (_, x) =>
                readOnly ? (
                  <code>{x.formula}</code>
                ) : (
                  <FormulaInput
                    testId={`${key}-formula-${x.index}`}
                    value={x.formula}
                    elements={doc.elements}
                    onChange={(formula) => set(x.index, { formula })}
                  />
                ),
            },
            {
              title: t('pointsPer'),
              key: 'pointsPer',
              width: 110,
              render: (_, x) => (
                <Num
                  disabled={readOnly}
                  value={x.pointsPer}
                  onChange={(v) => set(x.index, { pointsPer: v ?? 0 })}
                />
              ),
            },
            {
              title: t('itemCap'),
              key: 'cap',
              width: 110,
              render: (_, x) => (
                <Num disabled={readOnly} value={x.cap} onChange={(v) => set(x.index, { cap: v ?? 0 })} />
              ),
            },
            ...(readOnly
              ? []
              : [
                  {
                    title: '',
                    key: 'remove',
                    width: 50,
                    render: (_: unknown, x: { index: number }) => (
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('remove')}
                        onClick={() =>
                          setList(
                            key,
                            items.filter((_, k) => k !== x.index),
                          )
                        }
                      />
                    ),
                  },
                ]),
          ]}
        />
      </Card>
    );
  };

  const veto = doc.veto ?? [];
  const setV = (i: number, patch: Partial<VetoItem>) =>
    setVeto(veto.map((x, k) => (k === i ? withoutUndefined({ ...x, ...patch }) : x)));
  const thresholds = doc.grading.thresholds;
  const setT = (i: number, patch: Partial<GradeThreshold>) =>
    setThresholds(thresholds.map((x, k) => (k === i ? withoutUndefined({ ...x, ...patch }) : x)));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="adjustments-editor">
      {adjustmentCard('bonus', t('bonusItems'))}
      {adjustmentCard('deduction', t('deductionItems'))}
      <Card
        size="small"
        title={t('vetoItems')}
        data-testid="veto-items"
        extra={
          !readOnly && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setVeto([...veto, { code: freeCode(doc, 'veto'), name: '', condition: '' }])}
            >
              {t('addItem')}
            </Button>
          )
        }
      >
        <NodeIssues issues={issuesOf('veto')} testId="veto-issues" />
        <Table<VetoItem & { index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          dataSource={veto.map((x, index) => ({ ...x, index }))}
          columns={[
            {
              title: t('code'),
              key: 'code',
              width: 120,
              render: (_, x) => (
                <Input
                  size="small"
                  disabled={readOnly}
                  value={x.code}
                  onChange={(e) => setV(x.index, { code: e.target.value })}
                />
              ),
            },
            {
              title: t('name'),
              key: 'name',
              width: 160,
              render: (_, x) => (
                <Input
                  size="small"
                  disabled={readOnly}
                  value={x.name}
                  onChange={(e) => setV(x.index, { name: e.target.value })}
                />
              ),
            },
            {
              title: t('condition'),
              key: 'condition',
              render: (_, x) =>
                readOnly ? (
                  <code>{x.condition}</code>
                ) : (
                  <FormulaInput
                    testId={`veto-condition-${x.index}`}
                    value={x.condition}
                    elements={doc.elements}
                    onChange={(condition) => setV(x.index, { condition })}
                  />
                ),
            },
            ...(readOnly
              ? []
              : [
                  {
                    title: '',
                    key: 'remove',
                    width: 50,
                    render: (_: unknown, x: { index: number }) => (
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('remove')}
                        onClick={() => setVeto(veto.filter((_, k) => k !== x.index))}
                      />
                    ),
                  },
                ]),
          ]}
        />
      </Card>
      <Card size="small" title={t('gradingTitle')} data-testid="grading">
        <NodeIssues issues={issuesOf('grading')} testId="grading-issues" />
        <Table<GradeThreshold & { index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          dataSource={thresholds.map((x, index) => ({ ...x, index }))}
          columns={[
            {
              title: t('grade'),
              key: 'grade',
              width: 90,
              render: (_, x) => (
                <Select<Grade>
                  size="small"
                  disabled={readOnly}
                  value={x.grade}
                  onChange={(grade) => setT(x.index, { grade })}
                  options={GRADES.map((g) => ({ value: g, label: g }))}
                />
              ),
            },
            {
              title: t('gradeMin'),
              key: 'min',
              width: 120,
              render: (_, x) => (
                <Num disabled={readOnly} value={x.min} onChange={(min) => setT(x.index, { min })} />
              ),
            },
            {
              title: t('gradeLabel'),
              key: 'label',
              render: (_, x) => (
                <Input
                  size="small"
                  disabled={readOnly}
                  value={x.label ?? ''}
                  onChange={(e) =>
                    setT(x.index, { label: e.target.value === '' ? undefined : e.target.value })
                  }
                />
              ),
            },
            {
              title: t('quota'),
              key: 'quota',
              width: 120,
              render: (_, x) => (
                <Num
                  disabled={readOnly}
                  value={doc.grading.quotas?.[x.grade]}
                  onChange={(v) => setQuota(x.grade, v)}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
