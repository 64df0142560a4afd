// A register import's problems in Chinese, by code: the import page's table and the API's refusal to a zh-CN reader.
export const REGISTER_ISSUE_ZH: Record<string, string> = {
  empty_file: '文件没有数据行', missing_column: '缺少必需的列', field_count: '这一行的列数与表头不同（值里的逗号要用英文双引号括起来）', too_many_rows: '行数超过上限', unit_missing: '房号为空', building_missing: '楼栋为空',
  building_unknown: '楼栋不在本小区', duplicate_unit: '房号重复', area_missing: '专有面积为空', area_invalid: '专有面积不是数字', area_too_precise: '专有面积最多两位小数',
  area_not_positive: '专有面积必须大于 0', area_too_large: '专有面积过大', area_source_invalid: '面积来源须为 不动产登记/实测/合同', owner_missing: '业主姓名为空（未售房请填 开发商未售=是）',
  phone_invalid: '联系电话格式不正确', developer_flag_invalid: '开发商未售须填 是 或 否',
};
