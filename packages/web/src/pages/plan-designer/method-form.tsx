import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Band, LeafNode, ScoringMethod } from '@xiaoneng/engine';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { METHODS, type MethodParam, methodSpec } from './method-catalog';

type Params = Record<string, unknown>;

/** A number field that clears to "not set" (undefined) instead of 0. */
function NumberField({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: unknown;
  onChange: (v: number | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <InputNumber
      data-testid={testId}
      style={{ width: 160 }}
      value={typeof value === 'number' ? value : null}
      placeholder={placeholder}
      onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
    />
  );
}

function BandsEditor({
  bands,
  direction,
  withLabel,
  onChange,
}: {
  bands: Band[];
  direction: 'up' | 'down';
  withLabel: boolean;
  onChange: (next: Band[]) => void;
}) {
  const t = useT(messages);
  const bound = direction === 'up' ? 'atLeast' : 'atMost';
  const set = (i: number, patch: Partial<Band>) =>
    onChange(bands.map((b, k) => (k === i ? clean({ ...b, ...patch }) : b)));
  return (
    <Space direction="vertical" size={4}>
      {bands.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity but their place
        <Space key={i} wrap>
          <span>{direction === 'up' ? t('atLeast') : t('atMost')}</span>
          <NumberField value={b[bound]} onChange={(v) => set(i, { [bound]: v })} />
          <span>{t('points')}</span>
          <NumberField value={b.points} onChange={(v) => set(i, { points: v ?? 0 })} />
          {withLabel && (
            <Input
              style={{ width: 200 }}
              placeholder={t('bandLabel')}
              value={b.label ?? ''}
              onChange={(e) => set(i, { label: e.target.value === '' ? undefined : e.target.value })}
            />
          )}
          <Button
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('remove')}
            onClick={() => onChange(bands.filter((_, k) => k !== i))}
          />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...bands, { points: 0 }])}>
        {t('addBand')}
      </Button>
    </Space>
  );
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function ParamField({
  param,
  value,
  leaf,
  onChange,
}: {
  param: MethodParam;
  value: unknown;
  leaf: LeafNode;
  onChange: (v: unknown) => void;
}) {
  const t = useT(messages);
  switch (param.kind) {
    case 'number':
      return (
        <NumberField
          testId={`method-${param.key}`}
          value={value}
          onChange={onChange}
          {...(param.fallback === undefined ? {} : { placeholder: String(param.fallback) })}
        />
      );
    case 'boolean':
      return (
        <Checkbox checked={value === true} onChange={(e) => onChange(e.target.checked ? true : undefined)} />
      );
    case 'bands':
      return (
        <BandsEditor
          bands={Array.isArray(value) ? (value as Band[]) : []}
          direction={leaf.direction}
          withLabel={param.key === 'levels'}
          onChange={onChange}
        />
      );
    case 'points':
      return (
        <Input
          style={{ width: 280 }}
          defaultValue={Array.isArray(value) ? value.join(', ') : ''}
          placeholder="60, 57, 54, 51, 48"
          onChange={(e) => {
            const parts = e.target.value
              .split(/[,，、\s]+/)
              .filter((s) => s !== '')
              .map(Number);
            onChange(parts.every(Number.isFinite) ? parts : value);
          }}
        />
      );
    case 'reference':
      return (
        <Space>
          <Select
            style={{ width: 140 }}
            value={value === 'classMean' ? 'classMean' : 'number'}
            onChange={(v) => onChange(v === 'classMean' ? 'classMean' : 0)}
            options={[
              { value: 'classMean', label: t('classMean') },
              { value: 'number', label: t('fixedNumber') },
            ]}
          />
          {value !== 'classMean' && <NumberField value={value} onChange={(v) => onChange(v ?? 0)} />}
        </Space>
      );
  }
}

/**
 * The scoring method of a leaf: its type, then a form of that method's parameters with help text, and the
 * leaf values the method reads (target, baseline, stretch).
 */
export function MethodForm({ leaf, onChange }: { leaf: LeafNode; onChange: (next: LeafNode) => void }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const spec = methodSpec(leaf.method.type);
  const params = leaf.method as unknown as Params;
  const setParam = (key: string, v: unknown) =>
    onChange({ ...leaf, method: clean({ ...params, [key]: v }) as unknown as ScoringMethod });
  const setLeaf = (key: 'target' | 'baseline' | 'stretch', v: number | undefined) =>
    onChange(clean({ ...leaf, [key]: v }));
  const zh = locale === 'zh-CN';
  return (
    <div data-testid="method-form">
      <Form.Item label={t('method')} extra={spec === undefined ? undefined : zh ? spec.helpZh : spec.helpEn}>
        <Select
          data-testid="method-type"
          style={{ width: 240 }}
          value={leaf.method.type}
          onChange={(type) => {
            const next = methodSpec(type);
            onChange({ ...leaf, method: { type, ...(next?.initial ?? {}) } as ScoringMethod });
          }}
          options={METHODS.map((m) => ({ value: m.type, label: `${zh ? m.zh : m.en} (${m.type})` }))}
        />
      </Form.Item>
      {(['baseline', 'target', 'stretch'] as const).map((key) => {
        const need = spec?.needs[key];
        if (need === undefined) return null;
        return (
          <Form.Item
            key={key}
            label={t(key)}
            required={need === 'required'}
            extra={t(`${key}Help` as 'targetHelp')}
          >
            <NumberField testId={`leaf-${key}`} value={leaf[key]} onChange={(v) => setLeaf(key, v)} />
          </Form.Item>
        );
      })}
      {spec?.params.map((p) => (
        <Form.Item
          key={p.key}
          label={zh ? p.zh : p.en}
          required={p.required === true}
          extra={zh ? p.helpZh : p.helpEn}
        >
          <ParamField param={p} value={params[p.key]} leaf={leaf} onChange={(v) => setParam(p.key, v)} />
        </Form.Item>
      ))}
      {spec !== undefined && spec.params.length === 0 && (
        <Typography.Text type="secondary">{t('noParams')}</Typography.Text>
      )}
    </div>
  );
}
