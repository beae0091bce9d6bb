import { Button, Space, Tooltip, Typography } from 'antd';
import { MERGE_FIELDS } from '../../../../../shared/letter';

/**
 * One button per merge field; a click puts {字段} where the caret was. The buttons do not take the focus on
 * mouse-down, so the text box keeps its caret and selection for the insert.
 */
export function MergeFieldBar({ custom, onInsert }: { custom: string[]; onInsert: (field: string) => void }) {
  const button = (key: string, hint: string) => (
    <Tooltip key={key} title={hint}>
      <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => onInsert(key)} data-testid={`merge-field-${key}`}>
        {`{${key}}`}
      </Button>
    </Tooltip>
  );
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">点击插入合并字段（插在光标处）：</Typography.Text>
      <Space wrap size={[4, 4]}>
        {MERGE_FIELDS.map((f) => button(f.key, f.hint))}
        {custom.map((name) => button(name, '本活动的自定义字段'))}
      </Space>
    </Space>
  );
}
