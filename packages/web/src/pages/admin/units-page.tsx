import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { adminApi } from './admin-api';
import { AdminDuties } from './admin-duties';
import { ApiProblem } from './api-problem';
import { messages } from './messages';
import { UnitClassesPanel } from './unit-classes-panel';
import { UnitFilePanel } from './unit-file-panel';
import { UnitTreePanel } from './unit-tree-panel';
import { useLoad } from './use-load';

/** 考核对象管理 (system administrator): the unit tree, unit classes, CSV import and export. */
export function UnitsPage() {
  const t = useT(messages);
  const classes = useLoad(() => adminApi.unitClasses(), []);
  // A new tree after an import: the tree panel loads on mount, so a new key remounts it.
  const [treeRound, setTreeRound] = useState(0);
  return (
    <>
      <Typography.Title level={2}>{t('unitsTitle')}</Typography.Title>
      <AdminDuties />
      {classes.error !== undefined && <ApiProblem error={classes.error} />}
      <Tabs
        items={[
          {
            key: 'tree',
            label: t('tabUnitTree'),
            children: <UnitTreePanel key={treeRound} classes={classes.data?.items ?? []} />,
          },
          {
            key: 'classes',
            label: t('tabUnitClasses'),
            children: <UnitClassesPanel classes={classes.data?.items ?? []} onChanged={classes.reload} />,
          },
          {
            key: 'files',
            label: t('tabUnitFiles'),
            children: <UnitFilePanel onImported={() => setTreeRound((r) => r + 1)} />,
          },
        ]}
      />
    </>
  );
}
