import { CheckOutlined, CloudUploadOutlined, ForkOutlined, SaveOutlined } from '@ant-design/icons';
import { type Plan, pathToString, validatePlan } from '@xiaoneng/engine';
import {
  Alert,
  App,
  Badge,
  Button,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../auth/session-provider';
import { useLocale } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { AdjustmentsEditor } from './adjustments-editor';
import { ClassOverrides } from './class-overrides';
import { ElementsTable } from './elements-table';
import { messages } from './messages';
import { type PlanSummary, type PlanVersionDetail, type PlanVersionSummary, planApi } from './plan-api';
import { issuesByNode, pathKey } from './plan-tree';
import { PreviewPanel } from './preview-panel';
import { asApiError, ProblemAlert } from './problem-alert';
import { TreeEditor } from './tree-editor';
import { StatusTag, VersionHistory } from './version-history';
import { WorkbookTools } from './workbook-tools';

type Loaded = { plan: PlanSummary & { versions: PlanVersionSummary[] }; detail: PlanVersionDetail };

/**
 * 方案设计: one version of a plan. A draft is edited here — the indicator tree, class overrides, scoring
 * methods and formulas — with the engine's checks live as one types; the office saves it, previews it on
 * the latest period, approves and publishes it, or starts a change (动态调整) of a published plan.
 */
export function PlanDesignerPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { code = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const { message } = App.useApp();
  const office = me.roles.includes('office');

  const [loaded, setLoaded] = useState<
    { status: 'loading' } | { status: 'error'; error: unknown } | ({ status: 'ready' } & Loaded)
  >({
    status: 'loading',
  });
  const [doc, setDoc] = useState<Plan | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [treeOwner, setTreeOwner] = useState<string>('');
  const [problem, setProblem] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [changeOpen, setChangeOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tab, setTab] = useState('tree');

  const requested = Number(search.get('v')) || undefined;

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const plan = await planApi.plan(code, signal);
      const n =
        requested ?? plan.draft ?? plan.published ?? plan.versions[plan.versions.length - 1]?.number ?? 1;
      const detail = await planApi.version(code, n, signal);
      return { plan, detail };
    },
    [code, requested],
  );

  const apply = useCallback((l: Loaded) => {
    setLoaded({ status: 'ready', ...l });
    setDoc(l.detail.document);
    setConflict(false);
    setProblem(null);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ status: 'loading' });
    load(controller.signal).then(
      (l) => {
        if (!controller.signal.aborted) apply(l);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [load, apply]);

  const unsavedEdits =
    loaded.status === 'ready' &&
    doc !== null &&
    JSON.stringify(doc) !== JSON.stringify(loaded.detail.document);
  // Leaving the page (reload, closing the tab) with unsaved edits asks first.
  useEffect(() => {
    if (!unsavedEdits) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsavedEdits]);

  const validation = useMemo(() => (doc === null ? null : validatePlan(doc)), [doc]);
  const issues = validation?.issues ?? [];
  const byNode = useMemo(() => issuesByNode(issues), [issues]);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');

  if (loaded.status === 'loading' || doc === null)
    return loaded.status === 'error' ? (
      <ProblemAlert error={loaded.error} testId="designer-problem" />
    ) : (
      <Spin />
    );
  if (loaded.status === 'error') return <ProblemAlert error={loaded.error} testId="designer-problem" />;

  const { plan, detail } = loaded;
  const draft = detail.status === 'draft';
  const readOnly = !draft || !office;
  const dirty = unsavedEdits;

  const act = async (run: () => Promise<PlanVersionDetail>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await run();
      const plan2 = await planApi.plan(code);
      apply({ plan: plan2, detail: next });
      message.success(done);
    } catch (error) {
      const e = asApiError(error);
      if (e.code === 'version_conflict') setConflict(true);
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    try {
      apply(await load());
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const classTrees = doc.classes.map((c, i) => ({ c, i })).filter(({ c }) => c.tree !== undefined);
  const treePath = treeOwner === '' ? ['tree'] : ['classes', Number(treeOwner), 'tree'];
  const classIssues = issues.filter((i) => i.path[0] === 'classes' && i.path[2] !== 'tree');

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-designer">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {doc.name}
          </Typography.Title>
          <Typography.Text code>{code}</Typography.Text>
          <Select
            data-testid="version-select"
            value={detail.number}
            style={{ width: 120 }}
            onChange={(n) => {
              if (dirty && !window.confirm(t('discardChanges'))) return;
              setSearch({ v: String(n) });
            }}
            options={plan.versions.map((v) => ({ value: v.number, label: t('versionN', { n: v.number }) }))}
          />
          <StatusTag v={detail} />
          {detail.reason !== null && (
            <Typography.Text type="secondary" data-testid="version-reason">
              {t('reason')}: {detail.reason}
            </Typography.Text>
          )}
          {dirty && (
            <Tag color="orange" data-testid="unsaved">
              {t('unsaved')}
            </Tag>
          )}
        </Space>
        <Space wrap>
          {office && draft && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={busy}
              disabled={!dirty}
              data-testid="save-draft"
              onClick={() => act(() => planApi.save(code, detail.number, doc, detail.version), t('saved'))}
            >
              {t('saveDraft')}
            </Button>
          )}
          {office && draft && detail.number > 1 && detail.approvedBy === null && (
            <Button
              icon={<CheckOutlined />}
              disabled={dirty || busy}
              data-testid="approve"
              onClick={() => act(() => planApi.approve(code, detail.number, detail.version), t('approved'))}
            >
              {t('approve')}
            </Button>
          )}
          {office && draft && (
            <Button
              icon={<CloudUploadOutlined />}
              disabled={dirty || busy || errors.length > 0}
              data-testid="publish"
              onClick={() =>
                Modal.confirm({
                  title: t('publishConfirm'),
                  content: t('publishConfirmText'),
                  onOk: () => act(() => planApi.publish(code, detail.number, detail.version), t('published')),
                })
              }
            >
              {t('publish')}
            </Button>
          )}
          {office && plan.draft === null && plan.published !== null && (
            <Button icon={<ForkOutlined />} data-testid="start-change" onClick={() => setChangeOpen(true)}>
              {t('startChange')}
            </Button>
          )}
          {office && (
            <WorkbookTools
              code={code}
              detail={detail}
              canImport={draft}
              disabled={busy}
              onImported={(next) => reload().then(() => setDoc(next.document))}
            />
          )}
        </Space>
      </Space>

      {!office && <Alert type="info" showIcon title={t('readOnlyRole')} />}
      {!draft && office && (
        <Alert
          type="info"
          showIcon
          title={plan.draft === null ? t('publishedReadOnly') : t('publishedHasDraft', { n: plan.draft })}
          action={
            plan.draft !== null ? (
              <Button size="small" onClick={() => setSearch({ v: String(plan.draft) })}>
                {t('openDraft')}
              </Button>
            ) : undefined
          }
        />
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="conflict"
          title={t('conflictTitle')}
          description={t('conflictText')}
          action={
            <Button size="small" danger onClick={reload} data-testid="conflict-reload">
              {t('reloadDiscard')}
            </Button>
          }
        />
      )}
      {problem !== null && <ProblemAlert error={problem} testId="action-problem" />}

      <Space wrap data-testid="validation-summary">
        <Badge
          status={errors.length === 0 ? 'success' : 'error'}
          text={t('errorCount', { n: errors.length })}
        />
        <Badge
          status={warnings.length === 0 ? 'success' : 'warning'}
          text={t('warningCount', { n: warnings.length })}
        />
      </Space>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'tree',
            label: t('tabTree'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {classTrees.length > 0 && (
                  <Segmented
                    value={treeOwner}
                    onChange={(v) => {
                      setTreeOwner(String(v));
                      setSelected(null);
                    }}
                    options={[
                      { value: '', label: t('planTree') },
                      ...classTrees.map(({ c, i }) => ({
                        value: String(i),
                        label: t('classTree', { name: c.name }),
                      })),
                    ]}
                  />
                )}
                <TreeEditor
                  doc={doc}
                  treePath={treePath}
                  issues={byNode}
                  selected={selected}
                  readOnly={readOnly}
                  onSelect={setSelected}
                  onChange={setDoc}
                />
              </Space>
            ),
          },
          {
            key: 'classes',
            label: (
              <span>
                {t('tabClasses')}{' '}
                {classIssues.length > 0 && <Badge count={classIssues.length} size="small" />}
              </span>
            ),
            children: <ClassOverrides doc={doc} issues={classIssues} readOnly={readOnly} onChange={setDoc} />,
          },
          {
            key: 'adjustments',
            label: t('tabAdjustments'),
            children: (
              <AdjustmentsEditor
                doc={doc}
                issues={issues.filter((i) =>
                  ['bonus', 'deduction', 'veto', 'grading'].includes(String(i.path[0])),
                )}
                readOnly={readOnly}
                onChange={setDoc}
              />
            ),
          },
          {
            key: 'elements',
            label: t('tabElements'),
            children: <ElementsTable doc={doc} readOnly={readOnly} onChange={setDoc} />,
          },
          {
            key: 'issues',
            label: (
              <span data-testid="tab-issues">
                {t('tabIssues')}{' '}
                <Badge count={issues.length} size="small" color={errors.length > 0 ? 'red' : 'orange'} />
              </span>
            ),
            children: (
              <Table
                size="small"
                data-testid="issue-table"
                rowKey={(i) => `${i.code}:${pathToString(i.path)}`}
                pagination={false}
                dataSource={issues}
                onRow={(i) => ({
                  onClick: () => {
                    const key = [...byNode.entries()].find(([, list]) => list.includes(i))?.[0];
                    if (key === undefined || key === 'tree' || !key.includes('/')) return;
                    setTreeOwner(key.startsWith('classes/') ? key.split('/')[1]! : '');
                    setSelected(key);
                    setTab('tree');
                  },
                })}
                columns={[
                  {
                    title: t('severity'),
                    dataIndex: 'severity',
                    width: 90,
                    render: (s: string) => (
                      <Tag color={s === 'error' ? 'red' : 'orange'}>
                        {s === 'error' ? t('error') : t('warning')}
                      </Tag>
                    ),
                  },
                  {
                    title: t('issuePath'),
                    key: 'path',
                    width: 240,
                    render: (_, i) => <code>{pathToString(i.path)}</code>,
                  },
                  { title: t('issueMessage'), key: 'message', render: (_, i) => i.message[locale] },
                ]}
              />
            ),
          },
          {
            key: 'preview',
            label: t('tabPreview'),
            children: office ? (
              <PreviewPanel code={code} number={detail.number} doc={doc} />
            ) : (
              <Alert type="info" title={t('officeOnly')} />
            ),
          },
          {
            key: 'history',
            label: t('tabHistory'),
            children: <VersionHistory code={code} versions={plan.versions} />,
          },
        ]}
      />

      <Modal
        open={changeOpen}
        title={t('startChange')}
        okText={t('startChangeOk')}
        okButtonProps={{
          disabled: reason.trim() === '',
          ...({ 'data-testid': 'start-change-ok' } as object),
        }}
        onCancel={() => setChangeOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            const next = await planApi.startChange(code, reason.trim());
            setChangeOpen(false);
            setReason('');
            message.success(t('changeStarted', { n: next.number }));
            navigate(`/plans/${encodeURIComponent(code)}?v=${next.number}`);
          } catch (error) {
            setProblem(error);
            setChangeOpen(false);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('startChangeHelp')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="change-reason"
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          value={reason}
          placeholder={t('reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
      <Typography.Text type="secondary">
        <Link to="/plans">{t('backToPlans')}</Link>
      </Typography.Text>
      <span hidden data-testid="selected-node">
        {selected ?? pathKey([])}
      </span>
    </Space>
  );
}
