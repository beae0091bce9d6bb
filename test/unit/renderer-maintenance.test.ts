/** Pure helpers behind the import wizard and the 数据维护 screens. */
import { describe, expect, it } from 'vitest';
import { sameMapping } from '../../renderer/src/components/import/useImportJob';
import { checkImportFile } from '../../renderer/src/components/import/ImportFilePicker';
import { historyActionLabel, historyFieldsText } from '../../renderer/src/lib/customerLabels';
import { base64ToBytes, bytesToBase64 } from '../../renderer/src/lib/download';
import { formatDateTime, formatPercent } from '../../renderer/src/lib/format';

describe('base64 for files in and out', () => {
  it('round-trips bytes, including files larger than one encoding chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });
});

describe('formats', () => {
  it('shows shares as percentages with one decimal', () => {
    expect(formatPercent(0.834)).toBe('83.4%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
  it('shows history times as YYYY-MM-DD HH:mm', () => {
    expect(formatDateTime(new Date(2026, 10, 23, 9, 5).toISOString())).toBe('2026-11-23 09:05');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('maintenance history labels', () => {
  it('names actions and changed fields in Chinese', () => {
    expect(['create', 'edit', 'import', 'merge', 'verify', 'delete', 'restore'].map(historyActionLabel)).toEqual([
      '新建',
      '修改',
      '导入',
      '合并',
      '核实保留',
      '删除',
      '恢复',
    ]);
    expect(historyActionLabel('something-new')).toBe('something-new');
    expect(historyFieldsText(['phone', 'village_id', 'merged:abc'])).toBe('手机、行政村、并入另一条记录');
    expect(historyFieldsText(['清理'])).toBe('清理');
  });
});

describe('import wizard checks', () => {
  it('refuses wrong file types, empty and oversized files before uploading', () => {
    expect(checkImportFile({ name: '名单.XLSX', size: 10 })).toBeNull();
    expect(checkImportFile({ name: '名单.csv', size: 10 })).toBeNull();
    expect(checkImportFile({ name: '名单.pdf', size: 10 })).toContain('不支持的文件类型');
    expect(checkImportFile({ name: '名单.xls', size: 0 })).toContain('是空的');
    expect(checkImportFile({ name: '名单.xlsx', size: 15 * 1024 * 1024 })).toContain('14 MB');
  });
  it('compares column mappings field by field', () => {
    expect(sameMapping({ name: 1, phone: 3 }, { phone: 3, name: 1 })).toBe(true);
    expect(sameMapping({ name: 1 }, { name: 1, phone: 3 })).toBe(false);
  });
});
