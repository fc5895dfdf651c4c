import type { DataElement, Plan } from '@xiaoneng/engine';
import { Table, Tag, Typography } from 'antd';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { FormulaInput } from './formula-input';
import { messages } from './messages';

/**
 * 数据元: what units report and what is computed from it. A computed element's formula is checked and
 * completed like an indicator's; the rest is edited in the workbook.
 */
export function ElementsTable({
  doc,
  readOnly,
  onChange,
}: {
  doc: Plan;
  readOnly: boolean;
  onChange: (next: Plan) => void;
}) {
  const t = useT(messages);
  const fmt = useFormat();
  const setFormula = (i: number, formula: string) =>
    onChange({ ...doc, elements: doc.elements.map((e, k) => (k === i ? { ...e, formula } : e)) });
  return (
    <Table<DataElement & { index: number }>
      size="small"
      rowKey="code"
      data-testid="elements-table"
      pagination={false}
      dataSource={doc.elements.map((e, index) => ({ ...e, index }))}
      columns={[
        {
          title: t('code'),
          dataIndex: 'code',
          width: 160,
          render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
        },
        { title: t('name'), dataIndex: 'name' },
        { title: t('unit'), dataIndex: 'unit', width: 90, render: (u?: string) => u ?? '' },
        { title: t('rollup'), dataIndex: 'rollup', width: 80, render: (r: string) => <Tag>{r}</Tag> },
        {
          title: t('range'),
          key: 'range',
          width: 120,
          render: (_, e) =>
            e.min === undefined && e.max === undefined
              ? ''
              : `${e.min === undefined ? '' : fmt.number(e.min)} – ${e.max === undefined ? '' : fmt.number(e.max)}`,
        },
        {
          title: t('formula'),
          key: 'formula',
          width: 360,
          render: (_, e) =>
            e.formula === undefined ? (
              <Typography.Text type="secondary">{t('reported')}</Typography.Text>
            ) : readOnly ? (
              <code>{e.formula}</code>
            ) : (
              <FormulaInput
                testId={`element-formula-${e.code}`}
                value={e.formula}
                elements={doc.elements}
                excludeElement={e.code}
                onChange={(f) => setFormula(e.index, f)}
              />
            ),
        },
      ]}
    />
  );
}
