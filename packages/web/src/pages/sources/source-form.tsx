import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { EntryFieldInput, type FieldState } from '../entry/entry-field';
import type { EntryField, EntryForm, EvidenceSummary } from '../entry/entry-types';
import { parseNumber } from '../entry/field-check';
import { messages } from './messages';
import {
  itemIndexOf,
  keyPath,
  type OtherSource,
  type SourceItem,
  type StoredValue,
  type SubmissionDetail,
} from './sources-api';

interface Loaded {
  form: EntryForm;
  mine: Map<string, StoredValue>;
  selfStatus: 'none' | 'draft' | 'submitted' | 'returned' | 'approved';
}

/**
 * A saved value cites its evidence by hash only; the file's name and type are not in the submission
 * detail, so the preview offers it as a download under a short name.
 */
function savedEvidence(hash: string | null): EvidenceSummary | null {
  return hash === null ? null : { hash, fileName: hash.slice(0, 12), mediaType: '', size: 0 };
}

function stateOf(mine: StoredValue | undefined): FieldState {
  return {
    text: mine === undefined ? '' : String(mine.value),
    evidence: savedEvidence(mine?.evidenceHash ?? null),
    dirty: false,
  };
}

/**
 * The values of one source for one unit × period: the plan's enterable elements grouped by dimension and
 * indicator, the unit's own figure beside each, the source's current value and version; saved together,
 * each value with the version it was read at, so that a change made meanwhile by someone else is a 409.
 */
export function SourceForm({
  plan,
  period,
  unit,
  source,
  phone,
  refreshKey,
}: {
  plan: string;
  period: string;
  unit: string;
  source: OtherSource;
  phone: boolean;
  /** Changes after an import, to read the values again. */
  refreshKey: number;
}) {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const path = keyPath(plan, period, unit);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [states, setStates] = useState<Record<string, FieldState>>({});
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<{ type: 'error' | 'warning'; text: string } | undefined>();

  /** Reads form and values; `keep` names fields whose unsaved typing survives the reload. */
  const load = useCallback(
    async (keep: ReadonlySet<string> = new Set()) => {
      try {
        const [form, detail] = await Promise.all([
          api.get<EntryForm>(`/api/entry-forms/${path}`),
          api.get<SubmissionDetail>(`/api/submissions/${path}`),
        ]);
        const mine = new Map(detail.values.filter((v) => v.source === source).map((v) => [v.element, v]));
        setLoaded({ form, mine, selfStatus: detail.submission?.status ?? 'none' });
        setStates((before) => {
          const next: Record<string, FieldState> = {};
          for (const f of form.fields) {
            const old = before[f.code];
            next[f.code] = keep.has(f.code) && old !== undefined ? old : stateOf(mine.get(f.code));
          }
          return next;
        });
        setLoadError(undefined);
        return mine;
      } catch (e) {
        setLoadError(e instanceof ApiError ? e : new ApiError(0, { title: String(e) }));
        return undefined;
      }
    },
    [path, source],
  );

  useEffect(() => {
    setLoaded(undefined);
    setStates({});
    setAlert(undefined);
    void load();
    void refreshKey;
  }, [load, refreshKey]);

  const dirtyCodes = useMemo(
    () => Object.entries(states).flatMap(([code, s]) => (s.dirty ? [code] : [])),
    [states],
  );

  if (loadError !== undefined && loaded === undefined)
    return (
      <Result
        status={loadError.status === 403 ? '403' : loadError.status === 404 ? '404' : 'error'}
        title={t('loadFailed', { detail: loadError.detail || loadError.title })}
      />
    );
  if (loaded === undefined) return <Spin />;

  const { form, mine } = loaded;
  const open = form.period.open;
  const sourceName = t(`source_${source}`);
  const fieldsByCode = new Map(form.fields.map((f) => [f.code, f]));
  const nameOf = (code: string) => fieldsByCode.get(code)?.name ?? code;

  const update = (code: string, change: Partial<FieldState>) =>
    setStates((s) => {
      const old = s[code] ?? stateOf(undefined);
      const { serverError: _, ...rest } = old;
      return { ...s, [code]: { ...rest, ...change, dirty: true } };
    });

  const save = async () => {
    setAlert(undefined);
    const items: SourceItem[] = [];
    let invalid = 0;
    for (const code of dirtyCodes) {
      const s = states[code];
      if (s === undefined) continue;
      const parsed = parseNumber(s.text);
      const current = mine.get(code);
      if (parsed.kind === 'invalid') {
        invalid++;
        continue;
      }
      // An empty field that never had a value has nothing to clear (its evidence waits for a value).
      if (parsed.kind === 'empty' && current === undefined) continue;
      items.push({
        element: code,
        value: parsed.kind === 'number' ? parsed.value : null,
        evidenceHash: parsed.kind === 'number' ? (s.evidence?.hash ?? null) : null,
        version: current?.version ?? 0,
      });
    }
    if (invalid > 0) {
      setAlert({ type: 'error', text: t('invalidSkipped', { count: invalid }) });
      return;
    }
    if (items.length === 0) {
      message.info(t('nothingToSave'));
      return;
    }
    setSaving(true);
    try {
      await api.put(`/api/submissions/${path}/sources`, { source, values: items });
      // Reloaded first, so that the versions on the screen are the new ones when the message shows.
      await load();
      message.success(t('saved', { count: items.length }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // The server names no element: compare the versions read with the ones stored now.
        const sent = new Map(items.map((i) => [i.element, i.version]));
        const latest = await load(new Set(dirtyCodes));
        const changed =
          latest === undefined
            ? []
            : [...sent]
                .filter(([code, version]) => (latest.get(code)?.version ?? 0) !== version)
                .map(([c]) => c);
        setStates((s) => {
          const next = { ...s };
          for (const code of changed) next[code] = stateOf(latest?.get(code));
          return next;
        });
        setAlert({
          type: 'warning',
          text:
            changed.length > 0
              ? t('conflict', { names: changed.map(nameOf).join('、') })
              : t('conflictUnknown'),
        });
      } else if (e instanceof ApiError) {
        setAlert({ type: 'error', text: t('saveFailed', { detail: e.detail || e.title }) });
        setStates((s) => {
          const next = { ...s };
          for (const issue of e.errors) {
            const i = itemIndexOf(issue.path);
            const code = i === undefined ? undefined : items[i]?.element;
            const old = code === undefined ? undefined : next[code];
            if (code !== undefined && old !== undefined) next[code] = { ...old, serverError: issue.message };
          }
          return next;
        });
      } else setAlert({ type: 'error', text: t('saveFailed', { detail: String(e) }) });
    } finally {
      setSaving(false);
    }
  };

  const filled = form.fields.filter((f) => mine.has(f.code)).length;
  const renderField = (field: EntryField) => {
    const current = mine.get(field.code);
    const state = states[field.code] ?? stateOf(current);
    // The input shows this source's value; range warnings apply, the jump rule (self values) does not.
    const asSource: EntryField = {
      ...field,
      value: current?.value ?? null,
      evidence: savedEvidence(current?.evidenceHash ?? null),
      origin: null,
      previous: null,
      change: null,
      changeRatio: null,
      flags: [],
    };
    return (
      <div key={field.code} data-testid={`source-field-${field.code}`}>
        <EntryFieldInput
          field={asSource}
          state={state}
          editable={open && !saving}
          phone={phone}
          onText={(text) => update(field.code, { text })}
          onEvidence={(evidence) => update(field.code, { evidence })}
        />
        <Flex vertical gap={0} style={{ fontSize: 13, marginBottom: 6 }}>
          <Typography.Text type="secondary" data-testid="self-value">
            {field.value === null
              ? t('selfNone')
              : `${t('selfValue', { value: format.number(field.value) })}${field.unit === null ? '' : ` ${field.unit}`}（${t(`selfStatus_${loaded.selfStatus}`)}）`}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="current-value">
            {current === undefined
              ? t('currentNone', { source: sourceName })
              : t('current', {
                  source: sourceName,
                  value: format.number(current.value),
                  version: current.version,
                  who: current.enteredBy,
                  at: format.dateTime(current.enteredAt),
                })}
          </Typography.Text>
        </Flex>
      </div>
    );
  };

  return (
    <Card
      size="small"
      title={
        <Flex justify="space-between" align="center" wrap gap={8}>
          <span>
            {form.unit.name} · {form.unit.code}
          </span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('filled', { filled, total: form.fields.length })}
          </Typography.Text>
        </Flex>
      }
    >
      {!open && <Alert type="info" showIcon title={t('periodNotOpen', { period: form.period.code })} />}
      {alert !== undefined && (
        <Alert
          type={alert.type}
          showIcon
          closable={{ onClose: () => setAlert(undefined) }}
          title={alert.text}
          data-testid="source-alert"
          style={{ marginBottom: 12 }}
        />
      )}
      {form.groups.map((group) => (
        <div key={group.code ?? '_other'}>
          {/* A heading, not a Divider: long dimension names must wrap on a 390 px phone. */}
          <Typography.Title
            level={5}
            style={{
              marginTop: 16,
              paddingBottom: 4,
              borderBottom: '1px solid var(--ant-color-split, #f0f0f0)',
            }}
          >
            {group.code === null ? t('otherGroup') : group.name}
          </Typography.Title>
          {group.indicators.map((indicator) => (
            <div key={indicator.code} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{indicator.name}</Typography.Text>
              {indicator.description !== null && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {indicator.description}
                  </Typography.Text>
                </div>
              )}
              {indicator.fields.flatMap((code) => {
                const f = fieldsByCode.get(code);
                return f === undefined ? [] : [renderField(f)];
              })}
            </div>
          ))}
        </div>
      ))}
      <Flex
        gap={8}
        align="center"
        wrap
        style={{
          position: 'sticky',
          bottom: 0,
          background: 'var(--ant-color-bg-container, #fff)',
          paddingBlock: 10,
          zIndex: 2,
        }}
      >
        <Button
          type="primary"
          size="large"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={!open}
          onClick={() => void save()}
          style={{ minWidth: 120 }}
        >
          {saving ? t('saving') : t('save')}
        </Button>
        <Button size="large" icon={<ReloadOutlined />} onClick={() => void load()} disabled={saving}>
          {t('reload')}
        </Button>
        {dirtyCodes.length > 0 && (
          <Typography.Text type="warning">{t('unsaved', { count: dirtyCodes.length })}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
