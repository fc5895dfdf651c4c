import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExclamationCircleFilled,
  PlusOutlined,
  WarningFilled,
} from '@ant-design/icons';
import type { EngineIssue, IndicatorNode, Plan } from '@xiaoneng/engine';
import type { TreeDataNode, TreeProps } from 'antd';
import { Button, Card, Col, Empty, Row, Space, Tag, Tooltip, Tree, Typography } from 'antd';
import { useMemo } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { messages } from './messages';
import { NodeForm, NodeIssues } from './node-form';
import {
  addNode,
  type DocPath,
  isGroup,
  moveAmongSiblings,
  moveNode,
  newLeaf,
  nodeAt,
  pathKey,
  removeNode,
  replaceNode,
  resultShare,
  sumsToOne,
  weightSum,
} from './plan-tree';

function pathOf(key: string): DocPath {
  return key.split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A Σ of sibling weights: green when it is 1, red otherwise. */
export function SumTag({ sum, testId }: { sum: number; testId?: string }) {
  const ok = sumsToOne(sum);
  return (
    <Tag color={ok ? 'green' : 'red'} data-testid={testId} data-ok={ok}>
      Σ {sum}
    </Tag>
  );
}

function IssueIcon({ issues }: { issues: readonly EngineIssue[] | undefined }) {
  if (issues === undefined || issues.length === 0) return null;
  const error = issues.some((i) => i.severity === 'error');
  return error ? (
    <ExclamationCircleFilled style={{ color: '#ff4d4f' }} data-testid="node-error-icon" />
  ) : (
    <WarningFilled style={{ color: '#faad14' }} data-testid="node-warning-icon" />
  );
}

/**
 * The indicator tree of the plan (or of a class with its own tree): drag nodes to move them, add, remove and
 * reorder with the buttons; each group shows the Σ of its children's weights, each node the engine's
 * problems with it; the selected node is edited on the right.
 */
export function TreeEditor({
  doc,
  treePath,
  issues,
  selected,
  readOnly,
  onSelect,
  onChange,
}: {
  doc: Plan;
  treePath: DocPath;
  issues: Map<string, EngineIssue[]>;
  selected: string | null;
  readOnly: boolean;
  onSelect: (key: string | null) => void;
  onChange: (next: Plan) => void;
}) {
  const t = useT(messages);
  const fmt = useFormat();
  const tree = (pathValue(doc, treePath) as IndicatorNode[] | undefined) ?? [];
  const rootKey = pathKey(treePath);

  const data = useMemo(() => {
    const build = (nodes: readonly IndicatorNode[], path: DocPath): TreeDataNode[] =>
      nodes.map((n, i) => {
        const p = [...path, i];
        const key = pathKey(p);
        const own = issues.get(key);
        return {
          key,
          title: (
            <span data-testid={`tree-node-${n.code}`} data-key={key}>
              <Space size={4}>
                <IssueIcon issues={own} />
                <span>{n.name || t('unnamed')}</span>
                <Typography.Text type="secondary" code>
                  {n.code}
                </Typography.Text>
                <Tag>{fmt.number(n.weight, { maximumFractionDigits: 6 })}</Tag>
                {isGroup(n) && <SumTag sum={weightSum(n.children)} testId={`sum-${n.code}`} />}
                {!isGroup(n) && (
                  <Tag color={n.kind === 'result' ? 'blue' : 'default'}>
                    {n.kind === 'result' ? t('kindResultShort') : t('kindProcessShort')}
                  </Tag>
                )}
              </Space>
            </span>
          ),
          ...(isGroup(n) ? { children: build(n.children, [...p, 'children']) } : { isLeaf: true }),
        };
      });
    return build(tree, treePath);
  }, [tree, treePath, issues, t, fmt]);

  const selectedPath = selected === null ? null : pathOf(selected);
  const selectedNode = selectedPath === null ? undefined : nodeAt(doc, selectedPath);
  const share = resultShare(tree);

  const onDrop: TreeProps['onDrop'] = (info) => {
    const from = pathOf(String(info.dragNode.key));
    const target = pathOf(String(info.node.key));
    if (!info.dropToGap) {
      onChange(moveNode(doc, treePath, from, target, 0));
      return;
    }
    const pos = String(info.node.pos).split('-');
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    const parent = target.length > treePath.length + 1 ? target.slice(0, -2) : null;
    const index = (target[target.length - 1] as number) + (relative === -1 ? 0 : 1);
    onChange(moveNode(doc, treePath, from, parent, index));
    onSelect(null);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={11}>
        <Card
          size="small"
          title={
            <Space wrap>
              <span>{t('dimensions')}</span>
              <SumTag sum={weightSum(tree)} testId={`sum-${rootKey}`} />
              <Tooltip title={t('resultShareHelp')}>
                <Tag color={share >= 0.6 - 1e-9 ? 'green' : 'orange'} data-testid="result-share">
                  {t('resultShare', { share: fmt.percent(share, 2) })}
                </Tag>
              </Tooltip>
            </Space>
          }
          extra={
            !readOnly && (
              <Space size={4} wrap>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  data-testid="add-dimension"
                  onClick={() => {
                    const node: IndicatorNode = { ...newLeaf(doc, 0), name: t('newNode') };
                    const next = addNode(doc, treePath, null, node);
                    onChange(next);
                    onSelect(pathKey([...treePath, tree.length]));
                  }}
                >
                  {t('addDimension')}
                </Button>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={selectedPath === null}
                  data-testid="add-child"
                  onClick={() => {
                    if (selectedPath === null || selectedNode === undefined) return;
                    const node: IndicatorNode = { ...newLeaf(doc, 0), name: t('newNode') };
                    const count = isGroup(selectedNode) ? selectedNode.children.length : 0;
                    onChange(addNode(doc, treePath, selectedPath, node));
                    onSelect(pathKey([...selectedPath, 'children', count]));
                  }}
                >
                  {t('addChild')}
                </Button>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('moveUp')}
                  disabled={selectedPath === null}
                  onClick={() => {
                    if (selectedPath === null) return;
                    onChange(moveAmongSiblings(doc, selectedPath, -1));
                    onSelect(null);
                  }}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('moveDown')}
                  disabled={selectedPath === null}
                  onClick={() => {
                    if (selectedPath === null) return;
                    onChange(moveAmongSiblings(doc, selectedPath, 1));
                    onSelect(null);
                  }}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('remove')}
                  data-testid="remove-node"
                  disabled={selectedPath === null}
                  onClick={() => {
                    if (selectedPath === null) return;
                    onChange(removeNode(doc, selectedPath));
                    onSelect(null);
                  }}
                />
              </Space>
            )
          }
        >
          <NodeIssues issues={issues.get(rootKey) ?? []} testId="tree-issues" />
          {tree.length === 0 ? (
            <Empty description={t('emptyTree')} />
          ) : (
            <Tree
              data-testid="plan-tree"
              blockNode
              defaultExpandAll
              draggable={!readOnly && { icon: false }}
              treeData={data}
              selectedKeys={selected === null ? [] : [selected]}
              // Clicking the selected node again keeps it selected (antd would clear the selection).
              onSelect={(keys) => {
                if (keys.length > 0) onSelect(String(keys[0]));
              }}
              onDrop={onDrop}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        <Card
          style={{ position: 'sticky', top: 16 }}
          size="small"
          title={
            selectedNode === undefined ? t('nodeDetails') : `${selectedNode.name} (${selectedNode.code})`
          }
        >
          {selectedNode === undefined || selectedPath === null ? (
            <Typography.Text type="secondary">{t('selectNode')}</Typography.Text>
          ) : (
            <NodeForm
              key={selected}
              node={selectedNode}
              elements={doc.elements}
              issues={issues.get(pathKey(selectedPath)) ?? []}
              readOnly={readOnly}
              onChange={(node) => onChange(replaceNode(doc, selectedPath, node))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function pathValue(doc: Plan, path: DocPath): unknown {
  let v: unknown = doc;
  for (const k of path)
    v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k];
  return v;
}
