/** 考核对象: an assessed unit as the engine sees it. */
export interface Unit {
  /** Division code (GB/T 2260 style, extended for streets/villages) or a department code. */
  code: string;
  name: string;
  /** Code of the unit class (分类考核) the unit is assessed in. */
  class: string;
  /** Code of the parent unit in the administrative hierarchy, if any. */
  parent?: string;
  /** 弹性系数 applied to core indicators; 1 when absent; must lie within the plan's bounds. */
  elasticity?: number;
}
