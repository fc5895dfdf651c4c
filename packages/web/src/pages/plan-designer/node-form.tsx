import type { DataElement, EngineIssue, IndicatorNode, LeafNode, MissingPolicy } from '@xiaoneng/engine';
import { Alert, Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { FormulaInput } from './formula-input';
import { messages } from './messages';
import { MethodForm } from './method-form';
import { isGroup } from './plan-tree';

/** The engine's problems with one node, in the page's language, where the node is edited. */
export function NodeIssues({ issues, testId }: { issues: readonly EngineIssue[]; testId: string }) {
  const { locale } = useLocale();
  if (issues.length === 0) return null;
  return (
    <div data-testid={testId} style={{ display: 'grid', gap: 4, marginBottom: 12 }}>
      {issues.map((i, k) => (
        <Alert
          // biome-ignore lint/suspicious/noArrayIndexKey: issues are recomputed as a whole on every edit
          key={k}
          type={i.severity === 'error' ? 'error' : 'warning'}
          showIcon
          data-code={i.code}
          title={i.message[locale]}
        />
      ))}
    </div>
  );
}

const MISSING: MissingPolicy[] = ['zero', 'exclude', 'carry', 'classMean'];

/** Everything about one node of the indicator tree: name and weight; for a leaf, how it is scored. */
export function NodeForm({
  node,
  elements,
  issues,
  readOnly,
  onChange,
}: {
  node: IndicatorNode;
  elements: readonly DataElement[];
  issues: readonly EngineIssue[];
  readOnly: boolean;
  onChange: (next: IndicatorNode) => void;
}) {
  const t = useT(messages);
  const leaf = isGroup(node) ? undefined : (node as LeafNode);
  const set = (patch: Partial<LeafNode>) => {
    const next = { ...node, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(patch)) if (next[k] === undefined) delete next[k];
    onChange(next as unknown as IndicatorNode);
  };
  const fieldIssue = (field: string) => issues.find((i) => i.path[i.path.length - 1] === field);
  const status = (field: string) => {
    const i = fieldIssue(field);
    return i === undefined ? undefined : i.severity === 'error' ? ('error' as const) : ('warning' as const);
  };
  return (
    <Form layout="vertical" disabled={readOnly} data-testid="node-form" component="div">
      <NodeIssues issues={issues} testId="node-issues" />
      <Form.Item label={t('code')} validateStatus={status('code')}>
        <Input data-testid="node-code" value={node.code} onChange={(e) => set({ code: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('name')} validateStatus={status('name')}>
        <Input data-testid="node-name" value={node.name} onChange={(e) => set({ name: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('weight')} validateStatus={status('weight')} extra={t('weightHelp')}>
        <InputNumber
          data-testid="node-weight"
          min={0}
          max={1}
          step={0.05}
          value={node.weight}
          onChange={(v) => set({ weight: typeof v === 'number' ? v : 0 })}
        />
      </Form.Item>
      <Form.Item label={t('description')}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={node.description ?? ''}
          onChange={(e) => set({ description: e.target.value === '' ? undefined : e.target.value })}
        />
      </Form.Item>
      {leaf !== undefined && (
        <>
          <Form.Item label={t('kind')} extra={t('kindHelp')}>
            <Radio.Group
              data-testid="node-kind"
              value={leaf.kind}
              onChange={(e) => set({ kind: e.target.value })}
              options={[
                { value: 'result', label: t('kindResult') },
                { value: 'process', label: t('kindProcess') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('direction')}>
            <Radio.Group
              value={leaf.direction}
              onChange={(e) => set({ direction: e.target.value })}
              options={[
                { value: 'up', label: t('directionUp') },
                { value: 'down', label: t('directionDown') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('formula')} extra={t('formulaHelp')}>
            <FormulaInput
              testId="node-formula"
              value={leaf.formula}
              elements={elements}
              onChange={(formula) => set({ formula })}
            />
          </Form.Item>
          <MethodForm leaf={leaf} onChange={(next) => onChange(next)} />
          <Form.Item label={t('unit')}>
            <Input
              style={{ width: 160 }}
              value={leaf.unit ?? ''}
              onChange={(e) => set({ unit: e.target.value === '' ? undefined : e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('core')} extra={t('coreHelp')}>
            <Checkbox
              checked={leaf.core === true}
              onChange={(e) => set({ core: e.target.checked ? true : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('missing')} extra={t('missingHelp')}>
            <Select<MissingPolicy | ''>
              style={{ width: 240 }}
              value={leaf.missing ?? ''}
              onChange={(v) => set({ missing: v === '' ? undefined : v })}
              options={[
                { value: '', label: t('missingDefault') },
                ...MISSING.map((m) => ({ value: m, label: t(`missing_${m}`) })),
              ]}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
