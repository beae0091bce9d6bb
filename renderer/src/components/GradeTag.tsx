import { Tag } from 'antd';
import { GRADE_LABELS, type Grade } from '../../../shared/grading';

/** 一等 and 二等 are the quality data campaigns draw from first. */
export const GRADE_COLORS: Record<Grade, string> = { 1: 'green', 2: 'cyan', 3: 'default', 4: 'default' };

export function GradeTag({ grade }: { grade: Grade }) {
  return <Tag color={GRADE_COLORS[grade]}>{GRADE_LABELS[grade]}</Tag>;
}
