import { Tag, Tooltip } from 'antd';

/** Marks a village the branch added by hand: it has no official division code. */
export function SelfMadeTag() {
  return (
    <Tooltip title="本网点自行添加，没有统计用区划代码">
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        自建
      </Tag>
    </Tooltip>
  );
}
