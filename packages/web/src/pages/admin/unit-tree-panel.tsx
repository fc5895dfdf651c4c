import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row,
  Space,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useFormat } from '../../i18n/locale-provider';
import { useT } from '../../i18n/use-t';
import { type AdminUnit, adminApi, type UnitClass, type UnitNode } from './admin-api';
import { ApiProblem } from './api-problem';
import { messages } from './messages';
import { UnitForm } from './unit-form';
import { useLoad } from './use-load';

function flatten(nodes: readonly UnitNode[], into = new Map<string, UnitNode>()): Map<string, UnitNode> {
  for (const n of nodes) {
    into.set(n.code, n);
    flatten(n.children, into);
  }
  return into;
}

/**
 * The unit tree by division code (virtual scrolling, so that a province of 27,000 units stays smooth),
 * sorted by name in the locale's order within each parent; the chosen unit's form beside it.
 */
export function UnitTreePanel({ classes }: { classes: readonly UnitClass[] }) {
  const t = useT(messages);
  const format = useFormat();
  const { message } = App.useApp();
  const tree = useLoad(() => adminApi.unitTree(), []);
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState<{ parentCode: string | null }>();
  const [filter, setFilter] = useState('');

  const byCode = useMemo(() => flatten(tree.data?.roots ?? []), [tree.data]);
  const treeData = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const toNode = (n: UnitNode): TreeDataNode | undefined => {
      const children = [...n.children]
        .sort((a, b) => format.compareUnitNames(a.name, b.name))
        .map(toNode)
        .filter((c): c is TreeDataNode => c !== undefined);
      const hit = needle === '' || n.name.toLowerCase().includes(needle) || n.code.includes(needle);
      if (!hit && children.length === 0) return undefined;
      return {
        key: n.code,
        title: (
          <span data-testid={`unit-node-${n.code}`}>
            {n.name} <Typography.Text type="secondary">{n.code}</Typography.Text>
            {n.disabled && (
              <Tag color="default" style={{ marginInlineStart: 6 }}>
                {t('unitDisabledTag')}
              </Tag>
            )}
          </span>
        ),
        children,
      };
    };
    return (tree.data?.roots ?? []).map(toNode).filter((c): c is TreeDataNode => c !== undefined);
  }, [tree.data, filter, format, t]);

  const unit: AdminUnit | undefined = selected === undefined ? undefined : byCode.get(selected);
  const saved = (u: AdminUnit, text: string) => {
    message.success(text);
    setAdding(undefined);
    setSelected(u.code);
    tree.reload();
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('filterUnits')}
            aria-label={t('filterUnits')}
            onSearch={setFilter}
            style={{ width: 240 }}
          />
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding({ parentCode: null })}
            data-testid="add-top-unit"
          >
            {t('addTopUnit')}
          </Button>
        </Space>
        {tree.error !== undefined && <ApiProblem error={tree.error} />}
        <Card size="small" loading={tree.loading && tree.data === undefined} data-testid="unit-tree">
          {treeData.length === 0 ? (
            <Empty />
          ) : (
            <Tree
              treeData={treeData}
              height={560}
              defaultExpandedKeys={(tree.data?.roots ?? []).map((r) => r.code)}
              selectedKeys={selected === undefined ? [] : [selected]}
              onSelect={(keys) => {
                setAdding(undefined);
                setSelected(keys[0] === undefined ? undefined : String(keys[0]));
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        {adding !== undefined ? (
          <Card
            size="small"
            title={
              adding.parentCode === null ? t('addTopUnit') : t('addChildOf', { code: adding.parentCode })
            }
          >
            <UnitForm
              key={`add:${adding.parentCode ?? ''}`}
              classes={classes}
              parentCode={adding.parentCode}
              onSaved={(u) => saved(u, t('unitCreated', { name: u.name }))}
              onCancel={() => setAdding(undefined)}
            />
          </Card>
        ) : unit !== undefined ? (
          <Card
            size="small"
            title={`${unit.name} · ${unit.code}`}
            extra={
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setAdding({ parentCode: unit.code })}
                data-testid="add-child-unit"
              >
                {t('addChild')}
              </Button>
            }
          >
            <UnitForm
              key={`${unit.code}:${unit.version}`}
              unit={unit}
              classes={classes}
              onSaved={(u) => saved(u, t('unitSaved', { name: u.name }))}
            />
          </Card>
        ) : (
          <Card size="small">
            <Empty description={t('pickUnit')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
